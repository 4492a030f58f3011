using SchoolSite.Crash;

// kill -9 rounds (`--provider sqlite|postgres --rounds N`), the mixed load (`--mixed --minutes 5`) or the withdrawal lag
// between two nodes (`--nodes-lag --rounds 100`); see bench/README.md.
if (HarnessOptions.Parse(args, out var error) is not { } options)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 1;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the harness kill its host and stop its database server on the way out.
    e.Cancel = true;
    stop.Cancel();
};
try
{
    return options switch
    {
        { CheckSqlite: { } file } => await CrashRounds.CheckAsync(file, stop.Token),
        { Mixed: true } => await MixedLoad.RunAsync(options, stop.Token),
        { NodesLag: true } => await NodesLag.RunAsync(options, stop.Token),
        { Throughput: true } => await Throughput.RunAsync(options, stop.Token),
        { Density: true } => await Density.RunAsync(options, stop.Token),
        _ => await CrashRounds.RunAsync(options, stop.Token),
    };
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("stopped");
    return 1;
}
catch (HarnessException e)
{
    // The harness could not do its job (nothing measured): not a finding about the host.
    Console.Error.WriteLine($"harness: {e.Message}");
    return 2;
}
