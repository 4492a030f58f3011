using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SchoolSite.Crash;

/// <summary>
/// The kill -9 rounds. Each round: writers record consents and add people through the API as fast as they can; at a random
/// moment the host is killed (SIGKILL); it is started again; `audit verify` seals what waits in the outbox and checks the
/// chain; then the database is read directly and every acknowledged write, and every change's audit entry, looked for.
/// </summary>
public static partial class CrashRounds
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        Console.WriteLine($"crash rounds: {options.Provider}, {options.Rounds} rounds, {options.Writers} writers, kill {options.KillAfterMin}-{options.KillAfterMax} s after the first acknowledged write, seed {options.Seed}");
        Console.WriteLine($"machine: {MachineLoad.Now()}");
        await using var installation = await Installation.CreateAsync(options, cancellationToken);
        var host = installation.StartHost();
        var totals = new Totals();
        var log = new WriteLog();
        try
        {
            if (await host.WaitUntilServingAsync(StartTimeout, cancellationToken) is null)
            {
                throw new HarnessException($"the host did not serve /{Installation.School}/ within {StartTimeout.TotalSeconds:0} s of its first start; see {installation.Log.Path}");
            }
            string token;
            using (var admin = await SchoolClient.SignInAsync(installation.BaseUrl, Installation.AdminEmail, installation.AdminPassword, cancellationToken))
            {
                token = await admin.CreateTokenAsync("crash harness", cancellationToken);
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                var before = (Acknowledged: log.Acknowledged.Count, Unanswered: log.Unanswered.Count, Refused: log.Refused.Count);
                var roundClock = Stopwatch.StartNew();
                using var api = SchoolClient.WithToken(installation.BaseUrl, token);
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(1, options.Writers)
                    .Select(w => new Writer(w, round, api, log, roundClock, new Random(random.Next())).RunAsync(stop.Token))
                    .ToList();
                // The window starts at the round's first acknowledgement: a host just restarted spends its first second or two
                // compiling, and the kill should land among writes that are flowing.
                while (log.Acknowledged.Count == before.Acknowledged && roundClock.Elapsed < StartTimeout)
                {
                    await Task.Delay(10, cancellationToken);
                }
                var flowingAt = roundClock.Elapsed.TotalSeconds;
                var killAfter = options.KillAfterMin + random.NextDouble() * (options.KillAfterMax - options.KillAfterMin);
                await Task.Delay(TimeSpan.FromSeconds(killAfter), cancellationToken);
                stop.Cancel();
                var killedAt = roundClock.Elapsed.TotalSeconds;
                var survived = await host.KillAsync();
                await Task.WhenAll(writers);
                host.Dispose();
                if (survived)
                {
                    totals.Survived++;
                }

                host = installation.StartHost();
                var serving = await host.WaitUntilServingAsync(StartTimeout, cancellationToken);
                if (serving is null)
                {
                    totals.FailedToServe++;
                }
                var (verifyExit, verifyOutput) = await installation.RunCliAsync(cancellationToken, "audit", "verify", "--tenant", Installation.School);
                if (verifyExit != 0)
                {
                    totals.VerifyFailures++;
                    totals.Notes.Add($"round {round}: audit verify exited {verifyExit}: {verifyOutput.Trim()}");
                }

                SchoolState state;
                await using (var database = await installation.OpenSchoolDatabaseAsync(cancellationToken))
                {
                    state = await SchoolState.ReadAsync(database, cancellationToken);
                }
                var check = ChangeCheck.Run(state, log);
                var newlyLost = totals.Record(totals.Lost, check.Lost);
                var newlyWithoutEntry = totals.Record(totals.WithoutEntry, check.WithoutEntry);
                totals.Record(totals.EntryWithoutChange, check.EntryWithoutChange);
                totals.OutboxLeft += state.Outbox;
                totals.Rounds++;

                var acknowledged = log.Acknowledged.Skip(before.Acknowledged).ToList();
                var unanswered = log.Unanswered.Skip(before.Unanswered).ToList();
                var refused = log.Refused.Skip(before.Refused).ToList();
                var unansweredBeforeKill = unanswered.Count(w => w.AnsweredAt < killedAt - 0.05);
                totals.UnansweredBeforeKill += unansweredBeforeKill;
                foreach (var (write, answer) in refused.Take(3))
                {
                    totals.Notes.Add($"round {round}: {write.Describe()} answered {answer.Status} at {write.AnsweredAt:0.000} s: {answer.Excerpt}");
                }
                var entries = Intact().Match(verifyOutput) is { Success: true } m ? m.Groups[1].Value : "?";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round,3}: first answer at {flowingAt:0.00} s, kill at {killedAt:0.00} s; {acknowledged.Count} acknowledged ({acknowledged.Count(w => w.Kind == WriteKind.Person)} people, " +
                    $"{acknowledged.Count(w => w.Kind == WriteKind.Consent)} consents), {refused.Count} refused, {unanswered.Count} unanswered" +
                    $"{(unansweredBeforeKill > 0 ? $" ({unansweredBeforeKill} before the kill)" : "")}; " +
                    $"lost {newlyLost.Count}, without entry {newlyWithoutEntry.Count}, outbox left {state.Outbox}; " +
                    $"verify {(verifyExit == 0 ? $"intact ({entries} entries)" : $"FAILED ({verifyExit})")}; " +
                    $"{(survived ? "HOST SURVIVED THE KILL; " : "")}" +
                    $"{(serving is { } s ? $"serving again after {s.TotalSeconds:0.0} s" : "NOT SERVING")}; " +
                    $"{state.People.Count} people, {state.Consents.Count} consent records in all"));
                foreach (var finding in newlyLost.Concat(newlyWithoutEntry))
                {
                    Console.WriteLine($"    {finding.Text} (kill at {killedAt:0.000} s)");
                }
                totals.LastCheck = check;
            }
        }
        finally
        {
            host.Dispose();
        }

        var failures = totals.Print(log, installation.Log);
        if (failures > 0 || installation.Log.FailLines > 0)
        {
            installation.KeepForFindings();
        }
        return failures > 0 ? 1 : 0;
    }

    /// <summary>The audit check alone, on a school database kept from an earlier run (no write log: only changes against entries).</summary>
    public static async Task<int> CheckAsync(string sqliteFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(sqliteFile))
        {
            throw new HarnessException($"{sqliteFile} does not exist.");
        }
        SchoolState state;
        await using (var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly;Pooling=False"))
        {
            await database.OpenAsync(cancellationToken);
            state = await SchoolState.ReadAsync(database, cancellationToken);
        }
        var check = ChangeCheck.Run(state, new WriteLog());
        Console.WriteLine($"{state.People.Count} people, {state.Consents.Count} consent records, {state.Entries.Count} people/consent entries, {state.Outbox} waiting in the outbox");
        Console.WriteLine($"changes without their audit entry: {check.WithoutEntry.Count}");
        Console.WriteLine($"audit entries without their change: {check.EntryWithoutChange.Count}");
        foreach (var finding in check.WithoutEntry.Concat(check.EntryWithoutChange))
        {
            Console.WriteLine($"finding: {finding.Text}");
        }
        return check.WithoutEntry.Count + check.EntryWithoutChange.Count > 0 ? 1 : 0;
    }

    [GeneratedRegex(@"intact \((\d+) entries\)")]
    private static partial Regex Intact();

    private sealed class Totals
    {
        public int Rounds;
        public int VerifyFailures;
        public int FailedToServe;
        public int Survived;
        public int UnansweredBeforeKill;
        public long OutboxLeft;
        public CheckResult? LastCheck;
        public readonly Dictionary<string, Finding> Lost = [];
        public readonly Dictionary<string, Finding> WithoutEntry = [];
        public readonly Dictionary<string, Finding> EntryWithoutChange = [];
        public readonly List<string> Notes = [];

        /// <summary>Adds what was not found before; returns those.</summary>
        public List<Finding> Record(Dictionary<string, Finding> seen, IEnumerable<Finding> found)
            => found.Where(f => seen.TryAdd(f.Key, f)).ToList();

        public int Print(WriteLog log, HostLog hostLog)
        {
            var acknowledged = log.Acknowledged;
            Console.WriteLine();
            Console.WriteLine($"rounds: {Rounds}");
            Console.WriteLine($"acknowledged writes: {acknowledged.Count} ({acknowledged.Count(w => w.Kind == WriteKind.Person)} people, {acknowledged.Count(w => w.Kind == WriteKind.Consent)} consents)");
            Console.WriteLine($"lost acknowledged writes: {Lost.Count}");
            Console.WriteLine($"changes without their audit entry: {WithoutEntry.Count}");
            Console.WriteLine($"audit entries without their change: {EntryWithoutChange.Count}");
            Console.WriteLine($"verify failures: {VerifyFailures}");
            Console.WriteLine($"restarts that failed to serve: {FailedToServe}");
            Console.WriteLine($"kills the host survived: {Survived}");
            Console.WriteLine($"writes unanswered (in flight at a kill): {log.Unanswered.Count}, of which landed: {LastCheck?.UnansweredLanded ?? 0}; unanswered before a kill: {UnansweredBeforeKill}");
            Console.WriteLine($"writes refused (an answer other than 201): {log.Refused.Count}");
            Console.WriteLine($"entries left in the outbox after verify: {OutboxLeft}");
            Console.WriteLine($"machine at the end: {MachineLoad.Now()}");
            Console.WriteLine($"host log: {hostLog.Bytes / 1024.0:0.0} KB, {hostLog.FailLines} fail/crit lines, {hostLog.ExceptionLines} lines naming an exception");
            foreach (var failure in hostLog.Failures)
            {
                Console.WriteLine(failure);
            }
            foreach (var note in Notes.Take(20))
            {
                Console.WriteLine($"note: {note}");
            }
            foreach (var finding in Lost.Values.Concat(WithoutEntry.Values).Concat(EntryWithoutChange.Values))
            {
                Console.WriteLine($"finding: {finding.Text}");
            }
            return Lost.Count + WithoutEntry.Count + EntryWithoutChange.Count + VerifyFailures + FailedToServe + Survived;
        }
    }
}
