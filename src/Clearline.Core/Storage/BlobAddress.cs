using System.Buffers;

namespace Clearline.Storage;

/// <summary>A blob's content address: the lowercase hex SHA-256 of its plaintext.</summary>
public static class BlobAddress
{
    public const int Length = 64;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>True for exactly 64 lowercase hex digits.</summary>
    /// <remarks>
    /// Backends build paths and object keys from the address, so anything else (upper case, separators, dots)
    /// is refused outright: no caller can reach a file outside the media folder through an id.
    /// </remarks>
    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.AsSpan().IndexOfAnyExcept(LowerHex) < 0;
}
