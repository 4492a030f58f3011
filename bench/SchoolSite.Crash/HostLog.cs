using System.Text;

namespace SchoolSite.Crash;

/// <summary>
/// Everything the host writes (stdout and stderr, every start appended to one file), with the lines that report a
/// failure counted as they arrive: the console logger's "fail:" and "crit:" lines, and any line naming an exception.
/// The first few failures are kept whole (the "fail:" line and its indented message and stack) to print.
/// </summary>
public sealed class HostLog : IDisposable
{
    private const int KeptFailures = 5;
    private const int KeptLines = 60;
    private readonly StreamWriter _writer;
    private readonly List<StringBuilder> _failures = [];
    private StringBuilder? _open;
    private int _openLines;

    public HostLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public string Path { get; }
    public int FailLines { get; private set; }
    public int ExceptionLines { get; private set; }

    /// <summary>The first failures, each with its message and stack.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_writer)
            {
                return [.. _failures.Select(f => f.ToString().TrimEnd())];
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_writer)
            {
                return _writer.BaseStream.Length;
            }
        }
    }

    public void Write(string line)
    {
        lock (_writer)
        {
            _writer.WriteLine(line);
            var failure = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
            FailLines += failure ? 1 : 0;
            ExceptionLines += line.Contains("Exception", StringComparison.Ordinal) ? 1 : 0;
            if (failure)
            {
                _open = _failures.Count < KeptFailures ? new StringBuilder() : null;
                _openLines = 0;
                if (_open is not null)
                {
                    _failures.Add(_open);
                }
            }
            else if (line.Length == 0 || !char.IsWhiteSpace(line[0]))
            {
                // The console logger indents a message's own lines: anything else ends it.
                _open = null;
            }
            if (_open is not null && _openLines++ < KeptLines)
            {
                _open.AppendLine(line);
            }
        }
    }

    /// <summary>The counts so far, to take the difference over a stretch of the run.</summary>
    public (int Fail, int Exception, long Bytes) Mark()
    {
        lock (_writer)
        {
            return (FailLines, ExceptionLines, _writer.BaseStream.Length);
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }
}
