using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SchoolSite.Media.Services;

namespace SchoolSite.Benchmarks;

/// <summary>
/// Time and managed allocations of processing one upload: 49 megapixels as JPEG and PNG, and a phone's 12-megapixel
/// JPEG (4000×3000). The memory diagnoser sees only the .NET
/// heap: Skia's bitmaps are native memory, which `peak` measures (see <see cref="PeakMemory"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class UploadProcessing
{
    private readonly ImagePipeline _pipeline = new();
    private byte[] _upload = [];

    [Params("jpeg", "png", "jpeg-12mp")]
    public string Kind { get; set; } = "jpeg";

    [GlobalSetup]
    public void Draw() => _upload = Kind == "jpeg-12mp" ? SampleUploads.Make("jpeg", 4000, 3000) : SampleUploads.Make(Kind);

    [Benchmark]
    public int Process() => _pipeline.Process(_upload, new MediaLimits()).Renditions.Count;
}
