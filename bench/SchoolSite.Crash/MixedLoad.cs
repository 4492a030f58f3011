using System.Diagnostics;
using System.Globalization;

namespace SchoolSite.Crash;

/// <summary>
/// The mixed load: readers on the public pages (wrk, 16 connections) while, at the same time, an editor publishes a news
/// article every 3 s, a consent changes every second, a picture is uploaded every 5 s and an admin list is opened every
/// 2 s. Prints the errors (answers outside 2xx/3xx, and the host log's fail/crit and exception lines), the public p99
/// before and during the load, and how much the host logged.
/// </summary>
public static class MixedLoad
{
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var during = TimeSpan.FromMinutes(options.Minutes);
        Console.WriteLine($"mixed load: {options.Provider}, {during.TotalMinutes:0.#} min, {options.Connections} connections on the public pages, " +
            $"{(PublicLoad.WrkPath() is { } wrk ? $"wrk at {wrk}" : "wrk not found: a built-in HTTP loop instead")}; {MachineLoad.Now()}");
        await using var installation = await Installation.CreateAsync(options, cancellationToken);
        using var host = installation.StartHost();
        if (await host.WaitUntilServingAsync(TimeSpan.FromMinutes(2), cancellationToken) is null)
        {
            throw new HarnessException($"the host did not serve /{Installation.School}/; see {installation.Log.Path}");
        }
        using var admin = await SchoolClient.SignInAsync(installation.BaseUrl, Installation.AdminEmail, installation.AdminPassword, cancellationToken);
        using var api = SchoolClient.WithToken(installation.BaseUrl, await admin.CreateTokenAsync("mixed load", cancellationToken));

        // A school with something on it: people with consent, a dozen published news articles, a few pictures.
        var people = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var person = Expect(await api.AddPersonAsync($"mixed-{i}", "Pupil", "Pupil", $"Number{i}", cancellationToken), "adding a person");
            people.Add(person.Property("id")!);
            Expect(await api.RecordConsentAsync(people[^1], "website", "Granted", "a carer", cancellationToken), "recording consent");
        }
        var articles = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            articles.Add(await PublishNewsAsync(api, $"Seeded news {i}", cancellationToken) ?? throw new HarnessException("a seeded article was not published"));
        }
        for (var i = 1; i <= 3; i++)
        {
            Expect(await api.UploadAsync(SamplePicture.Png(i), $"seed-{i}.png", $"Seeded picture {i}", cancellationToken), "uploading a picture");
        }
        var prefix = "/" + Installation.School;
        IReadOnlyList<string> pages = [$"{prefix}/", .. articles.Take(5).Select(path => $"{prefix}/{path}")];
        Console.WriteLine($"public pages: {string.Join(", ", pages)}");

        await PublicLoad.RunAsync(installation.BaseUrl, pages, options.Connections, WarmUp, installation.Folder, cancellationToken);
        var beforeLog = installation.Log.Mark();
        var quiet = await PublicLoad.RunAsync(installation.BaseUrl, pages, options.Connections, Before, installation.Folder, cancellationToken);
        Console.WriteLine($"public, before the load: {quiet}; {MachineLoad.Now()}");

        var duringLog = installation.Log.Mark();
        using var stop = new CancellationTokenSource();
        var published = 0;
        var uploads = 0;
        var lists = 0;
        string[] adminLists = ["/admin/content", "/admin/people", "/admin/media"];
        string[] purposes = ["website", "social-media", "newsletter-prospectus", "press", "video"];
        var editors = new[]
        {
            new EditorActivity("publish a news article", TimeSpan.FromSeconds(3), async ct =>
            {
                var n = Interlocked.Increment(ref published);
                var created = await api.CreateNewsAsync($"News during the load {n}", $"<p>Article {n}, written while readers read.</p>", ct);
                return created.Status != 201 || created.Property("ContentItemId") is not { } id ? created : await api.PublishAsync(id, ct);
            }),
            new EditorActivity("change a consent", TimeSpan.FromSeconds(1), ct =>
            {
                lock (random)
                {
                    return api.RecordConsentAsync(people[random.Next(people.Count)], purposes[random.Next(purposes.Length)],
                        random.Next(2) == 0 ? "Granted" : "Refused", "a carer", ct);
                }
            }),
            new EditorActivity("upload a picture", TimeSpan.FromSeconds(5), ct =>
            {
                var n = Interlocked.Increment(ref uploads);
                return api.UploadAsync(SamplePicture.Png(100 + n), $"during-{n}.png", $"Picture {n} uploaded during the load", ct);
            }),
            new EditorActivity("open an admin list", TimeSpan.FromSeconds(2), ct => admin.GetAsync(adminLists[Interlocked.Increment(ref lists) % adminLists.Length], ct)),
        };
        var running = editors.Select(e => e.RunAsync(stop.Token)).ToList();
        var loaded = await PublicLoad.RunAsync(installation.BaseUrl, pages, options.Connections, during, installation.Folder, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        var afterLog = installation.Log.Mark();

        Console.WriteLine($"public, during the load: {loaded}; {MachineLoad.Now()}");
        foreach (var editor in editors)
        {
            Console.WriteLine($"editor, {editor.Name} every {editor.Every.TotalSeconds:0} s: {editor}");
        }
        var editorErrors = editors.Sum(e => e.Errors);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"public p99 before / during the load: {quiet.P99Ms:0.00} ms / {loaded.P99Ms:0.00} ms"));
        Console.WriteLine($"errors: public {loaded.Errors} during ({quiet.Errors} before), editors {editorErrors}, " +
            $"host log fail/crit lines {afterLog.Fail - duringLog.Fail} during ({installation.Log.FailLines} in the whole run), " +
            $"lines naming an exception {afterLog.Exception - duringLog.Exception} during ({installation.Log.ExceptionLines} in the whole run)");
        Console.WriteLine($"host log: {Kilobytes(installation.Log.Bytes)} in the whole run, {Kilobytes(afterLog.Bytes - beforeLog.Bytes)} while measuring; " +
            $"host peak resident memory {host.PeakResidentBytes() / 1024.0 / 1024.0:0} MB");
        foreach (var failure in installation.Log.Failures)
        {
            Console.WriteLine(failure);
        }
        foreach (var example in editors.SelectMany(e => e.Examples).Take(10))
        {
            Console.WriteLine($"    {example}");
        }
        var errors = loaded.Errors + quiet.Errors + editorErrors + installation.Log.FailLines + installation.Log.ExceptionLines;
        if (errors > 0)
        {
            installation.KeepForFindings();
        }
        return errors > 0 ? 1 : 0;
    }

    /// <summary>Creates a news article and publishes it; returns its address (e.g. "news/sports-day"), or null when refused.</summary>
    private static async Task<string?> PublishNewsAsync(SchoolClient api, string title, CancellationToken cancellationToken)
    {
        var created = Expect(await api.CreateNewsAsync(title, $"<p>{title}: what the children did this week.</p>", cancellationToken), "creating a news article");
        var published = Expect(await api.PublishAsync(created.Property("ContentItemId")!, cancellationToken), "publishing a news article");
        return published.Json?.GetProperty("AutoroutePart").GetProperty("Path").GetString();
    }

    private static Answer Expect(Answer answer, string what)
        => answer.Succeeded ? answer : throw new HarnessException($"{what} answered {answer.Status}: {answer.Excerpt}");

    private static string Kilobytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB");

    /// <summary>One thing an editor does on a fixed beat, with its answers counted and timed.</summary>
    private sealed class EditorActivity(string name, TimeSpan every, Func<CancellationToken, Task<Answer>> act)
    {
        private readonly List<double> _took = [];
        private readonly List<string> _examples = [];

        public string Name => name;
        public TimeSpan Every => every;
        public int Done { get; private set; }
        public int Errors { get; private set; }
        public IReadOnlyList<string> Examples => _examples;

        public async Task RunAsync(CancellationToken stop)
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        var answer = await act(CancellationToken.None);
                        if (!answer.Succeeded)
                        {
                            Fail($"{name}: {answer.Status} {answer.Excerpt}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Fail($"{name}: {e.GetType().Name} {e.Message}");
                    }
                    Done++;
                    _took.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        public override string ToString()
        {
            var took = _took.Order().ToArray();
            return took.Length == 0
                ? $"{Done} done, {Errors} errors"
                : string.Create(CultureInfo.InvariantCulture, $"{Done} done, {Errors} errors, took p50 {took[took.Length / 2]:0} ms, max {took[^1]:0} ms");
        }

        private void Fail(string example)
        {
            Errors++;
            if (_examples.Count < 3)
            {
                _examples.Add(example);
            }
        }
    }
}
