using BenchmarkDotNet.Running;
using SchoolSite.Benchmarks;

// `peak`: memory growth of one upload, each in a fresh process (the figure in bench/README.md).
// Anything else goes to BenchmarkDotNet: time and managed allocations (e.g. `--filter '*'`).
return args switch
{
    ["peak"] => PeakMemory.Run(),
    ["measure", var path] => PeakMemory.Measure(path),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(UploadProcessing).Assembly).Run(args);
    return 0;
}
