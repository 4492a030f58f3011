using System.Text;

namespace SchoolSite.Site.Services;

public sealed class OutputLimitException(int limit) : Exception($"The template wrote more than {limit:N0} characters.");

/// <summary>Collects a template's output and stops it when it grows past the limit.</summary>
public sealed class LimitedWriter(int limit) : StringWriter
{
    private int _written;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        Count(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Count(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Count(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Count(buffer.Length);
        base.Write(buffer);
    }

    private void Count(int characters)
    {
        _written += characters;
        if (_written > limit)
        {
            throw new OutputLimitException(limit);
        }
    }
}
