using System.Globalization;

namespace SchoolSite.Crash;

public enum Provider { Sqlite, Postgres }

/// <summary>What to run, from the command line.</summary>
public sealed record HarnessOptions
{
    public const string Usage = """
        usage: SchoolSite.Crash [--provider sqlite|postgres] [--rounds N] [--writers N] [--kill-after MIN-MAX] [--seed N]
               SchoolSite.Crash --mixed [--provider sqlite|postgres] [--minutes M] [--connections C]
               SchoolSite.Crash --check-sqlite PATH/TO/site.db   (a kept school's database: changes without their audit entry)
               SchoolSite.Crash --nodes-lag [--rounds N]   (two nodes on PostgreSQL, Redis and Azurite: withdrawal on A seen on B)
               SchoolSite.Crash --throughput [--seconds S] [--runs N] [--wordpress]   (the public path with wrk; bench/README.md)
               SchoolSite.Crash --density [--schools 100,250,500,1000]   (memory per school, dormant first pages, idle CPU)
        common: [--host PATH/TO/SchoolSite.Web.dll] [--keep]
        """;

    public Provider Provider { get; init; } = Provider.Sqlite;
    public int Rounds { get; init; } = 10;
    public int Writers { get; init; } = 4;

    /// <summary>The kill comes at a random moment in this window after the writers start, in seconds.</summary>
    public double KillAfterMin { get; init; } = 0.5;
    public double KillAfterMax { get; init; } = 4.0;

    public int Seed { get; init; } = Environment.TickCount;
    public bool Mixed { get; init; }

    /// <summary>Measure the public path with wrk (and, with <see cref="WordPress"/>, stock WordPress in the same run).</summary>
    public bool Throughput { get; init; }
    public bool Density { get; init; }
    public IReadOnlyList<int> DensitySteps { get; init; } = [100, 250, 500, 1000];
    public bool WordPress { get; init; }
    public int Seconds { get; init; } = 10;
    public int Runs { get; init; } = 3;

    /// <summary>Time withdrawals across two web nodes instead of crashing one.</summary>
    public bool NodesLag { get; init; }
    public double Minutes { get; init; } = 5;
    public int Connections { get; init; } = 16;

    /// <summary>The built host; by default the Release build in this repository.</summary>
    public string? HostDll { get; init; }

    /// <summary>Only check this school database (SQLite) for changes without their entry, and stop.</summary>
    public string? CheckSqlite { get; init; }

    /// <summary>Keep the installation's folder (App_Data, host log) after a run that found nothing.</summary>
    public bool Keep { get; init; }

    public static HarnessOptions? Parse(string[] args, out string? error)
    {
        var options = new HarnessOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]}: give a value.");
            try
            {
                options = args[i] switch
                {
                    "--provider" => options with
                    {
                        Provider = Value().ToLowerInvariant() switch
                        {
                            "sqlite" => Provider.Sqlite,
                            "postgres" or "postgresql" => Provider.Postgres,
                            var other => throw new FormatException($"--provider: '{other}' is neither sqlite nor postgres."),
                        },
                    },
                    "--rounds" => options with { Rounds = Positive("--rounds", Value()) },
                    "--writers" => options with { Writers = Positive("--writers", Value()) },
                    "--kill-after" => KillWindow(options, Value()),
                    "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--mixed" => options with { Mixed = true },
                    "--nodes-lag" => options with { NodesLag = true },
                    "--throughput" => options with { Throughput = true },
                    "--density" => options with { Density = true },
                    "--schools" => options with { DensitySteps = Value().Split(',').Select(v => Positive("--schools", v)).ToList() },
                    "--wordpress" => options with { WordPress = true },
                    "--seconds" => options with { Seconds = Positive("--seconds", Value()) },
                    "--runs" => options with { Runs = Positive("--runs", Value()) },
                    "--minutes" => options with { Minutes = double.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--connections" => options with { Connections = Positive("--connections", Value()) },
                    "--host" => options with { HostDll = Path.GetFullPath(Value()) },
                    "--keep" => options with { Keep = true },
                    "--check-sqlite" => options with { CheckSqlite = Path.GetFullPath(Value()) },
                    var unknown => throw new FormatException($"'{unknown}' is not an option."),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }
        return options;
    }

    private static int Positive(string name, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException($"{name}: give a whole number above 0, not '{value}'.");

    private static HarnessOptions KillWindow(HarnessOptions options, string value)
    {
        var parts = value.Split('-');
        if (parts.Length == 2
            && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var max)
            && min > 0 && max >= min)
        {
            return options with { KillAfterMin = min, KillAfterMax = max };
        }
        throw new FormatException($"--kill-after: give seconds as MIN-MAX, e.g. 0.5-4, not '{value}'.");
    }
}
