using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SchoolSite.Crash;

/// <summary>
/// The public path measured with wrk (bench/README.md): the Release host in Production on SQLite, a school made from the
/// benchmark's recipe (20 news articles of about 400 words, the newest with six 1200×800 pictures of pupils whose
/// consent is recorded, events, the home page's latest news and events), each page uncached (through the harness's own
/// cache bypass) and from the output cache, and a picture rendition through the consent gate. Each figure is the median
/// of several runs after a warm-up. With --wordpress, the shared WordPress script's stock WordPress is measured in the
/// same run, with nginx serving files of the same sizes as ours, and the ratios are printed.
/// </summary>
public static partial class Throughput
{
    private const string Newest = "sports-day";
    private const string Plain = "news/science-week-1";

    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var settings = new Dictionary<string, string>
        {
            ["SchoolSite__Bench__CacheBypassToken"] = token,
        };
        await using var installation = await Installation.CreateAsync(options with { Provider = Provider.Sqlite }, cancellationToken, settings, "bench",
            async folder =>
            {
                var recipes = Path.Combine(folder, "recipes");
                Directory.CreateDirectory(recipes);
                foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root(), "recipes"), "*.recipe.json"))
                {
                    File.Copy(file, Path.Combine(recipes, Path.GetFileName(file)));
                }
                await File.WriteAllTextAsync(Path.Combine(recipes, "bench.recipe.json"), BenchRecipe(), cancellationToken);
                settings["SchoolSite__RecipesPath"] = recipes;
            });
        using var host = installation.StartHost();
        if (await host.WaitUntilServingAsync(TimeSpan.FromMinutes(2), cancellationToken) is null)
        {
            throw new HarnessException($"the host did not serve /{Installation.School}/; see {installation.Log.Path}");
        }
        var school = "/" + Installation.School;
        using var http = new HttpClient { BaseAddress = new Uri(installation.BaseUrl) };
        var article = await http.GetStringAsync($"{school}/news/{Newest}", cancellationToken);
        var pictures = Picture().Matches(article).Select(m => m.Value).Distinct().ToList();
        var shown = pictures.Select(p => p.Split('/')[3]).Distinct().Count();
        if (shown < 6)
        {
            throw new HarnessException($"the newest article shows {shown} pictures, not six: are the pupils' consents recorded?");
        }
        var picture = pictures[0];
        var pictureBytes = await http.GetByteArrayAsync(picture, cancellationToken);
        var bypass = new Dictionary<string, string> { ["X-SchoolSite-Bench-Bypass"] = token };
        var none = new Dictionary<string, string>();
        var seconds = TimeSpan.FromSeconds(options.Seconds);
        Console.WriteLine($"SchoolSite {installation.BaseUrl}, Release, Production, SQLite; {options.Runs} runs of {options.Seconds} s each after a 5 s warm-up; {MachineLoad.Now()}");
        Console.WriteLine($"newest article {Encoding.UTF8.GetByteCount(article)} bytes with {shown} pictures; picture {picture} {pictureBytes.Length} bytes");

        var rows = new List<(string Name, int Connections, LoadFigures Figures)>();
        async Task<LoadFigures> Measure(string name, string baseUrl, string path, int connections, IReadOnlyDictionary<string, string> headers)
        {
            await PublicLoad.RunWrkAsync(baseUrl, path, connections, TimeSpan.FromSeconds(5), installation.Folder, headers, cancellationToken);
            var runs = new List<LoadFigures>();
            for (var run = 0; run < options.Runs; run++)
            {
                runs.Add(await PublicLoad.RunWrkAsync(baseUrl, path, connections, seconds, installation.Folder, headers, cancellationToken));
            }
            var median = runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2);
            rows.Add((name, connections, median));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} (c{connections}): {median}"));
            return median;
        }

        var plain = await Measure("news article, uncached", installation.BaseUrl, $"{school}/{Plain}", 8, bypass);
        var six = await Measure("article with six pictures, uncached", installation.BaseUrl, $"{school}/news/{Newest}", 8, bypass);
        var home = await Measure("home page, uncached", installation.BaseUrl, $"{school}/", 8, bypass);
        await Measure("news list, uncached", installation.BaseUrl, $"{school}/news", 8, bypass);
        var cached = await Measure("an article from the output cache", installation.BaseUrl, $"{school}/news/{Newest}", 32, none);
        var rendition = await Measure("a picture rendition through the consent gate", installation.BaseUrl, picture, 32, none);

        Console.WriteLine();
        Console.WriteLine("| page | connections | req/s | p50 | p99 | errors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, connections, figures) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {connections} | {figures.PerSecond:N0} | {figures.P50Ms:0.00} ms | {figures.P99Ms:0.00} ms | {figures.Errors} |"));
        }

        if (options.WordPress)
        {
            await WordPressAsync(Encoding.UTF8.GetBytes(article), pictureBytes, (plain, six, home, cached, rendition), Measure, cancellationToken);
        }
        return 0;
    }

    /// <summary>The shared script's stock WordPress, set up, measured in the same way, and stopped again.</summary>
    private static async Task WordPressAsync(byte[] page, byte[] picture, (LoadFigures Plain, LoadFigures Six, LoadFigures Home, LoadFigures Cached, LoadFigures Rendition) ours,
        Func<string, string, string, int, IReadOnlyDictionary<string, string>, Task<LoadFigures>> measure, CancellationToken cancellationToken)
    {
        var script = Path.GetFullPath(Path.Combine(Repository.Root(), "..", "shared", "bench", "wordpress", "setup-and-measure.sh"));
        if (!File.Exists(script))
        {
            throw new HarnessException($"the WordPress script is not at {script}");
        }
        Console.WriteLine($"WordPress: {script} setup (apt packages, MariaDB, php-fpm, nginx on 127.0.0.1:8081)");
        var (exit, output) = await ChildProcess.RunAsync("bash", [script, "setup"], null, Path.GetDirectoryName(script), TimeSpan.FromMinutes(20), cancellationToken);
        if (exit != 0)
        {
            throw new HarnessException($"the WordPress setup exited {exit}: {output[^Math.Min(output.Length, 2000)..]}");
        }
        try
        {
            // Files of the same sizes as our cached page and picture, served by the same nginx as WordPress's static reference.
            var content = "/var/lib/wordpress/wp-content/schoolsite-bench";
            Directory.CreateDirectory(content);
            await File.WriteAllBytesAsync(Path.Combine(content, "page.html"), page, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(content, "picture.jpg"), picture, cancellationToken);
            const string wordpress = "http://127.0.0.1:8081";
            var none = new Dictionary<string, string>();
            var post = await measure("WordPress: Sports day post", wordpress, "/sports-day/", 8, none);
            var wpHome = await measure("WordPress: home page", wordpress, "/", 8, none);
            var staticPage = await measure("nginx: a static file the size of our page", wordpress, "/wp-content/schoolsite-bench/page.html", 32, none);
            var staticPicture = await measure("nginx: a static file the size of our picture", wordpress, "/wp-content/schoolsite-bench/picture.jpg", 32, none);
            Console.WriteLine();
            Console.WriteLine("| comparison | SchoolSite req/s | reference req/s | ratio | target |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            void Ratio(string name, LoadFigures mine, LoadFigures theirs, string target, bool percent)
                => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {mine.PerSecond:N0} | {theirs.PerSecond:N0} | {(percent ? $"{mine.PerSecond / theirs.PerSecond:P0}" : $"{mine.PerSecond / theirs.PerSecond:0}×")} | {target} |"));
            Ratio("uncached article ÷ WordPress's Sports day post", ours.Plain, post, "≥ 100×", false);
            Ratio("uncached article with six pictures ÷ Sports day post", ours.Six, post, "—", false);
            Ratio("uncached home page ÷ WordPress's home", ours.Home, wpHome, "≥ 60×", false);
            Ratio("output-cached page ÷ nginx static, same size", ours.Cached, staticPage, "≥ 60%", true);
            Ratio("picture rendition ÷ nginx static, same bytes", ours.Rendition, staticPicture, "≥ 40%", true);
        }
        finally
        {
            await ChildProcess.RunAsync("bash", [script, "stop"], null, Path.GetDirectoryName(script), TimeSpan.FromMinutes(5), CancellationToken.None);
        }
    }

    /// <summary>The benchmark school: six pupils with consent, six pictures of them, 20 articles of about 400 words in three kinds, four events.</summary>
    public static string BenchRecipe()
    {
        var people = new JsonArray(Enumerable.Range(1, 6).Select(i => (JsonNode)new JsonObject
        {
            ["ExternalId"] = $"BENCH{i:000}", ["FirstName"] = Names[i - 1], ["LastName"] = "Bench", ["YearGroup"] = "Year 5", ["ClassName"] = "5B",
            ["Consents"] = new JsonObject { ["website"] = "Granted" },
        }).ToArray());
        var pictures = new JsonArray(Enumerable.Range(1, 6).Select(i => (JsonNode)new JsonObject
        {
            ["Id"] = $"benchpicture{i}", ["Colour"] = Colours[i - 1], ["Width"] = 1200, ["Height"] = 800,
            ["AltText"] = $"Year 5 on sports day, race {i}", ["People"] = new JsonArray($"BENCH{i:000}"),
        }).ToArray());
        var kinds = new[] { "Sport", "Science", "Music" };
        var items = new JsonArray();
        for (var i = 1; i <= 20; i++)
        {
            var kind = kinds[i % 3];
            var newest = i == 20;
            var path = newest ? $"news/{Newest}" : $"news/{kind.ToLowerInvariant()}-week-{i}";
            var article = new JsonObject
            {
                ["ContentItemId"] = $"benchnews{i:00}", ["ContentType"] = "NewsArticle", ["Published"] = true,
                ["TitlePart"] = new JsonObject { ["Title"] = newest ? "Sports day" : $"{kind} week {i}" },
                ["AutoroutePart"] = new JsonObject { ["Path"] = path },
                ["HtmlBodyPart"] = new JsonObject { ["Html"] = Words(i, kind) },
                ["NewsArticle"] = new JsonObject
                {
                    ["Summary"] = new JsonObject { ["Text"] = $"{kind}: what the children did this week." },
                    ["Pictures"] = new JsonObject { ["MediaIds"] = newest ? new JsonArray(Enumerable.Range(1, 6).Select(n => (JsonNode)$"benchpicture{n}").ToArray()) : new JsonArray() },
                },
                ["PublishedUtc"] = new DateTime(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(i * 3).ToString("O", CultureInfo.InvariantCulture),
            };
            items.Add(article);
        }
        items.Add(new JsonObject
        {
            ["ContentItemId"] = "benchnewslist", ["ContentType"] = "NewsList", ["Published"] = true,
            ["TitlePart"] = new JsonObject { ["Title"] = "News" }, ["AutoroutePart"] = new JsonObject { ["Path"] = "news" },
        });
        for (var i = 1; i <= 4; i++)
        {
            items.Add(new JsonObject
            {
                ["ContentItemId"] = $"benchevent{i}", ["ContentType"] = "Event", ["Published"] = true,
                ["TitlePart"] = new JsonObject { ["Title"] = $"Open evening {i}" },
                ["AutoroutePart"] = new JsonObject { ["Path"] = $"events/open-evening-{i}" },
                ["Event"] = new JsonObject { ["StartTime"] = new JsonObject { ["Value"] = new DateTime(2031, 1, i, 18, 0, 0, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture) } },
            });
        }
        var recipe = new JsonObject
        {
            ["name"] = "bench", ["displayName"] = "Benchmark school", ["description"] = "The school the benchmark harness measures.",
            ["author"] = "SchoolSite", ["version"] = "1.0.0", ["issetuprecipe"] = false, ["categories"] = new JsonArray("school"), ["tags"] = new JsonArray(),
            ["variables"] = new JsonObject(),
            ["steps"] = new JsonArray(
                new JsonObject { ["name"] = "recipes", ["Values"] = new JsonArray(new JsonObject { ["executionid"] = "bench", ["name"] = "school-site" }) },
                new JsonObject { ["name"] = "People", ["People"] = people },
                new JsonObject { ["name"] = "Pictures", ["Pictures"] = pictures },
                new JsonObject { ["name"] = "content", ["data"] = items }),
        };
        return recipe.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static readonly string[] Names = ["Ada", "Ben", "Cleo", "Dev", "Esme", "Finn"];
    private static readonly string[] Colours = ["#2e7d32", "#1565c0", "#c62828", "#6a1b9a", "#ef6c00", "#00838f"];

    /// <summary>About 400 words in four paragraphs, a little different for each article.</summary>
    private static string Words(int seed, string kind)
    {
        string[] sentences =
        [
            $"This week our {kind.ToLowerInvariant()} club met every afternoon and the children worked together with real care and enthusiasm.",
            "Parents and carers joined us on Thursday to see what the pupils had made, and many stayed to ask questions and share ideas.",
            "Our teachers planned each session so that every child could take part, whatever their experience, and try something new.",
            "The older pupils helped the younger ones, explaining each step patiently and celebrating every small success along the way.",
            "We would like to thank the volunteers who gave up their time, and the local businesses who kindly lent us equipment.",
            "Next term we will build on what we learned, with new challenges and a visit from experts who work in the field.",
        ];
        var text = new StringBuilder();
        for (var paragraph = 0; paragraph < 4; paragraph++)
        {
            text.Append("<p>");
            for (var s = 0; s < 3; s++)
            {
                text.Append(sentences[(seed + paragraph * 3 + s) % sentences.Length]).Append(' ');
            }
            text.Append($"Week {seed}, part {paragraph + 1}.</p>");
        }
        return text.ToString();
    }

    [GeneratedRegex(@"/oak/media/[a-z0-9]+/[a-z0-9-]+")]
    private static partial Regex Picture();
}
