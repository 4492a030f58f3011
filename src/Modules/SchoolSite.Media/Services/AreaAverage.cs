using System.Numerics;
using SkiaSharp;

namespace SchoolSite.Media.Services;

/// <summary>
/// Shrinks an image fed to it a few rows at a time, top to bottom, into a smaller bitmap: each target pixel is the
/// average of the source area it covers, fractional edges included (a box filter), so every source pixel counts
/// once and fine detail does not alias. Only one target row and the next are held besides the result, so a
/// 49-megapixel upload never needs to exist as one bitmap. Pixels are premultiplied RGBA, which averages correctly.
/// </summary>
internal sealed class AreaAverage
{
    private readonly int _sourceWidth;
    private readonly int _sourceHeight;
    private readonly SKBitmap _target;
    private readonly int[] _column;
    private readonly float[] _share;
    private readonly float[] _spill;
    private readonly Vector4[] _row;
    private Vector4[] _current;
    private Vector4[] _following;
    private int _sourceRow;
    private int _targetRow;

    public AreaAverage(int sourceWidth, int sourceHeight, SKBitmap target)
    {
        if (target.Width > sourceWidth || target.Height > sourceHeight || target.ColorType != SKColorType.Rgba8888 || target.AlphaType != SKAlphaType.Premul)
        {
            throw new ArgumentException($"Cannot shrink {sourceWidth}×{sourceHeight} into a {target.Width}×{target.Height} {target.ColorType} bitmap.", nameof(target));
        }
        (_sourceWidth, _sourceHeight, _target) = (sourceWidth, sourceHeight, target);
        // Source column x spans [x·s, (x+1)·s) in target columns: its share of the first it touches, and what spills into the next.
        (_column, _share, _spill) = (new int[sourceWidth], new float[sourceWidth], new float[sourceWidth]);
        for (var x = 0; x < sourceWidth; x++)
        {
            (_column[x], _share[x], _spill[x]) = Span(x, sourceWidth, target.Width);
        }
        _row = new Vector4[target.Width];
        _current = new Vector4[target.Width];
        _following = new Vector4[target.Width];
    }

    /// <summary>A smaller copy of a whole bitmap (RGBA, premultiplied), averaged the same way.</summary>
    public static SKBitmap Shrink(SKBitmap source, SKSizeI size)
    {
        var target = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var average = new AreaAverage(source.Width, source.Height, target);
        average.Add(source.GetPixelSpan(), source.Height, source.RowBytes);
        average.Finish();
        return target;
    }

    /// <summary>Adds <paramref name="count"/> rows of source pixels (RGBA, premultiplied), the next ones down the image.</summary>
    public void Add(ReadOnlySpan<byte> rows, int count, int rowBytes)
    {
        for (var r = 0; r < count; r++)
        {
            var pixels = rows.Slice(r * rowBytes, _sourceWidth * 4);
            Array.Clear(_row);
            for (var x = 0; x < _sourceWidth; x++)
            {
                var pixel = new Vector4(pixels[x * 4], pixels[x * 4 + 1], pixels[x * 4 + 2], pixels[x * 4 + 3]);
                _row[_column[x]] += pixel * _share[x];
                if (_spill[x] > 0)
                {
                    _row[_column[x] + 1] += pixel * _spill[x];
                }
            }
            var (target, share, spill) = Span(_sourceRow++, _sourceHeight, _target.Height);
            while (_targetRow < target)
            {
                Flush();
            }
            Accumulate(_current, share);
            if (spill > 0)
            {
                Accumulate(_following, spill);
            }
        }
    }

    /// <summary>Writes the rows still held; call once every source row has been added.</summary>
    public void Finish()
    {
        if (_sourceRow != _sourceHeight)
        {
            throw new InvalidOperationException($"{_sourceRow} of {_sourceHeight} rows were added.");
        }
        while (_targetRow < _target.Height)
        {
            Flush();
        }
    }

    private void Accumulate(Vector4[] into, float weight)
    {
        for (var x = 0; x < into.Length; x++)
        {
            into[x] += _row[x] * weight;
        }
    }

    private void Flush()
    {
        var pixels = _target.GetPixelSpan().Slice(_targetRow * _target.RowBytes, _target.Width * 4);
        for (var x = 0; x < _current.Length; x++)
        {
            var v = Vector4.Clamp(_current[x] + new Vector4(0.5f), Vector4.Zero, new Vector4(255));
            var alpha = (byte)v.W;
            // Rounding must not leave a colour above its alpha, which premultiplied pixels cannot have.
            pixels[x * 4] = Math.Min((byte)v.X, alpha);
            pixels[x * 4 + 1] = Math.Min((byte)v.Y, alpha);
            pixels[x * 4 + 2] = Math.Min((byte)v.Z, alpha);
            pixels[x * 4 + 3] = alpha;
        }
        (_current, _following) = (_following, _current);
        Array.Clear(_following);
        _targetRow++;
    }

    /// <summary>Where source pixel i of n lands among m target pixels: the first it touches, the part in it, the part in the next.</summary>
    private static (int Index, float Share, float Spill) Span(int i, int n, int m)
    {
        var start = (double)i * m / n;
        var end = (double)(i + 1) * m / n;
        var index = Math.Min((int)Math.Floor(start), m - 1);
        var boundary = index + 1.0;
        return end > boundary + 1e-9 && index + 1 < m
            ? (index, (float)(boundary - start), (float)(end - boundary))
            : (index, (float)(end - start), 0f);
    }
}
