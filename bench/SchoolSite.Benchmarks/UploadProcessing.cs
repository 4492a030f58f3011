using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SchoolSite.Media.Services;

namespace SchoolSite.Benchmarks;

/// <summary>
/// Time and managed allocations of processing one 49-megapixel upload. The memory diagnoser sees only the .NET
/// heap: Skia's bitmaps are native memory, which `peak` measures (see <see cref="PeakMemory"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class UploadProcessing
{
    private readonly ImagePipeline _pipeline = new();
    private byte[] _upload = [];

    [Params("jpeg", "png")]
    public string Kind { get; set; } = "jpeg";

    [GlobalSetup]
    public void Draw() => _upload = SampleUploads.Make(Kind);

    [Benchmark]
    public int Process() => _pipeline.Process(_upload, new MediaLimits()).Renditions.Count;
}
