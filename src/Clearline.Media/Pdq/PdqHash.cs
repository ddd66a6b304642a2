using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Clearline.Media.Pdq;

/// <summary>
/// A 256-bit PDQ hash. Bit <c>k = 16·i + j</c> is DCT coefficient (row i = vertical frequency, column j).
/// The text form is 64 lowercase hex digits of the big-endian 256-bit integer, exactly as Meta's reference prints it.
/// </summary>
public readonly struct PdqHash : IEquatable<PdqHash>
{
    /// <summary>The number of hex characters in the text form.</summary>
    public const int HexLength = 64;

    private readonly ulong _bits0;
    private readonly ulong _bits1;
    private readonly ulong _bits2;
    private readonly ulong _bits3;

    private PdqHash(ulong bits0, ulong bits1, ulong bits2, ulong bits3)
    {
        _bits0 = bits0;
        _bits1 = bits1;
        _bits2 = bits2;
        _bits3 = bits3;
    }

    /// <summary>The all-zero hash, which the reference gives to images smaller than 5 pixels on a side.</summary>
    public static PdqHash Zero => default;

    /// <summary>Creates a hash from its 16 words, <paramref name="words"/>[i] holding DCT row i with column j in bit j.</summary>
    /// <param name="words">Exactly 16 words.</param>
    public static PdqHash FromWords(ReadOnlySpan<ushort> words)
    {
        if (words.Length != 16)
        {
            throw new ArgumentException("A PDQ hash has 16 words.", nameof(words));
        }

        Span<ulong> lanes = stackalloc ulong[4];
        for (var i = 0; i < 16; i++)
        {
            lanes[i >> 2] |= (ulong)words[i] << (16 * (i & 3));
        }

        return new PdqHash(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    internal static PdqHash FromLanes(ulong bits0, ulong bits1, ulong bits2, ulong bits3) => new(bits0, bits1, bits2, bits3);

    /// <summary>Bits 64·<paramref name="index"/> to 64·<paramref name="index"/> + 63: the counterpart of <see cref="FromLanes"/>.</summary>
    internal ulong Lane(int index) => index switch
    {
        0 => _bits0,
        1 => _bits1,
        2 => _bits2,
        3 => _bits3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Whether bit <paramref name="index"/> (0..255) is set.</summary>
    public bool this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 255);
            var lane = (index >> 6) switch { 0 => _bits0, 1 => _bits1, 2 => _bits2, _ => _bits3 };
            return ((lane >> (index & 63)) & 1) != 0;
        }
    }

    /// <summary>The number of set bits (128 for a hash whose 256 DCT values have no ties at the median).</summary>
    public int PopCount =>
        BitOperations.PopCount(_bits0) + BitOperations.PopCount(_bits1) + BitOperations.PopCount(_bits2) + BitOperations.PopCount(_bits3);

    /// <summary>The Hamming distance to <paramref name="other"/> (0..256), using the hardware popcount.</summary>
    public int DistanceTo(PdqHash other) =>
        BitOperations.PopCount(_bits0 ^ other._bits0) + BitOperations.PopCount(_bits1 ^ other._bits1)
        + BitOperations.PopCount(_bits2 ^ other._bits2) + BitOperations.PopCount(_bits3 ^ other._bits3);

    /// <summary>Parses the 64-hex-character text form (either case).</summary>
    /// <exception cref="FormatException">The text is not exactly 64 hex digits.</exception>
    public static PdqHash Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException("A PDQ hash is exactly 64 hex digits.");

    /// <summary>Parses the 64-hex-character text form (either case); false for anything else, including surrounding spaces.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PdqHash hash)
    {
        hash = default;
        if (text.Length != HexLength)
        {
            return false;
        }

        Span<ulong> lanes = stackalloc ulong[4];
        for (var lane = 0; lane < 4; lane++)
        {
            var digits = text.Slice((3 - lane) * 16, 16);
            foreach (var c in digits)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }
            }

            lanes[lane] = ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        hash = new PdqHash(lanes[0], lanes[1], lanes[2], lanes[3]);
        return true;
    }

    /// <summary>Parses the text form, returning false for null or malformed input.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PdqHash hash)
    {
        hash = default;
        return text is not null && TryParse(text.AsSpan(), out hash);
    }

    /// <summary>Writes the 64 lowercase hex digits into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < HexLength)
        {
            return false;
        }

        ReadOnlySpan<ulong> lanes = [_bits3, _bits2, _bits1, _bits0];
        for (var lane = 0; lane < 4; lane++)
        {
            lanes[lane].TryFormat(destination.Slice(lane * 16, 16), out _, "x16", CultureInfo.InvariantCulture);
        }

        charsWritten = HexLength;
        return true;
    }

    /// <summary>The 64 lowercase hex digits.</summary>
    public override string ToString() => string.Create(HexLength, this, static (span, hash) => hash.TryFormat(span, out _));

    /// <inheritdoc />
    public bool Equals(PdqHash other) =>
        _bits0 == other._bits0 && _bits1 == other._bits1 && _bits2 == other._bits2 && _bits3 == other._bits3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PdqHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_bits0, _bits1, _bits2, _bits3);

    /// <summary>Equality of all 256 bits.</summary>
    public static bool operator ==(PdqHash left, PdqHash right) => left.Equals(right);

    /// <summary>Inequality of any bit.</summary>
    public static bool operator !=(PdqHash left, PdqHash right) => !left.Equals(right);
}
