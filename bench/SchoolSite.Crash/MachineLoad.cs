namespace SchoolSite.Crash;

/// <summary>The machine's load average, printed with the figures: the harness shares its cores with whatever else runs.</summary>
public static class MachineLoad
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]} {fields[1]} {fields[2]} on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return $"{Environment.ProcessorCount} cores";
        }
    }
}
