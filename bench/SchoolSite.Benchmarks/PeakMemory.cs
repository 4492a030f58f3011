using System.Diagnostics;
using SchoolSite.Media.Services;

namespace SchoolSite.Benchmarks;

/// <summary>
/// How much one upload raises the process's memory (managed and native together): each sample is processed once
/// in a fresh process, after a small warm-up upload, and the growth is the kernel's high-water mark of the
/// resident set (reset just before) minus the resident set just before. This is what the host's own memory
/// graph shows, unlike BenchmarkDotNet's memory diagnoser, which cannot see Skia's native bitmaps.
/// </summary>
public static class PeakMemory
{
    public static int Run()
    {
        var folder = Directory.CreateTempSubdirectory("schoolsite-bench-");
        try
        {
            Console.WriteLine($"Processing one upload in a fresh process, {Environment.ProcessorCount} cores:");
            Console.WriteLine();
            Console.WriteLine("| upload | file size | peak memory growth | managed allocated | time |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (kind, width, height) in new[] { ("jpeg", SampleUploads.Side, SampleUploads.Side), ("png", SampleUploads.Side, SampleUploads.Side), ("jpeg", 4000, 3000) })
            {
                var path = Path.Combine(folder.FullName, $"upload-{width}x{height}.{kind}");
                File.WriteAllBytes(path, SampleUploads.Make(kind, width, height));
                var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [.. SelfArguments(), "measure", path]) { RedirectStandardOutput = true })!;
                var line = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                if (child.ExitCode != 0)
                {
                    Console.Error.WriteLine($"measuring {kind} failed: {line}");
                    return 1;
                }
                Console.WriteLine($"| {kind} {width}×{height} | {new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MB | {line}");
            }
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs in the child: one upload, measured.</summary>
    public static int Measure(string path)
    {
        var upload = File.ReadAllBytes(path);
        var pipeline = new ImagePipeline();
        var kind = path.EndsWith(".png", StringComparison.Ordinal) ? "png" : "jpeg";
        // Loads Skia and compiles both the small-image and the large-image paths, so neither is counted.
        pipeline.Process(SampleUploads.Make(kind, 64, 48), new MediaLimits());
        pipeline.Process(SampleUploads.Make(kind, 3300, 40), new MediaLimits());
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        using var self = Process.GetCurrentProcess();
        var resetPeak = ResetPeak();
        self.Refresh();
        var before = self.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = pipeline.Process(upload, new MediaLimits());
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        self.Refresh();
        var peak = self.PeakWorkingSet64;
        if (!result.Accepted)
        {
            Console.WriteLine(result.Refusal);
            return 1;
        }
        var original = result.Renditions[0];
        Console.WriteLine($"{(peak - before) / 1024.0 / 1024.0:0} MB{(resetPeak ? "" : " (peak not reset: includes warm-up)")} | " +
            $"{allocated / 1024.0 / 1024.0:0} MB | {clock.Elapsed.TotalSeconds:0.00} s | original stored at {original.Width}×{original.Height}");
        return 0;
    }

    /// <summary>Linux resets the resident-set high-water mark when "5" is written to clear_refs.</summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The arguments that start this program again: the apphost alone, or `dotnet` and the assembly.</summary>
    private static string[] SelfArguments()
        => Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(PeakMemory).Assembly.Location] : [];
}
