namespace SchoolSite.Crash;

/// <summary>The repository the harness was built in (the folder holding SchoolSite.slnx above it).</summary>
public static class Repository
{
    public static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SchoolSite.slnx")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new HarnessException("The repository (SchoolSite.slnx) is not above the harness: give --host PATH/TO/SchoolSite.Web.dll.");
    }
}
