using System.Buffers.Binary;

namespace Clearline.Storage;

/// <summary>
/// Layout of an encrypted blob: a 17-byte header (magic, version, chunk size, random nonce prefix) and then
/// chunks of AES-256-GCM ciphertext, each followed by its 16-byte tag.
/// </summary>
/// <remarks>
/// Each chunk's nonce is the header's prefix plus the chunk counter, and its associated data is the header
/// plus the chunk index plus a final-chunk flag. Reordered chunks fail (index), truncation fails (the last
/// chunk read is not flagged final), extension fails (bytes after the final chunk), and an edited header fails
/// every chunk. The data key is fresh per blob, so chunks cannot be moved between blobs either.
/// </remarks>
internal static class BlobFormat
{
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    public const int NonceSize = 12;
    public const int HeaderSize = 17;
    public const int ChunkAadSize = HeaderSize + 8 + 1;
    private const byte Version = 1;
    private const int MinChunkSize = 4 * 1024;
    private const int MaxChunkSize = 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "CLMB"u8;

    public static void WriteHeader(Span<byte> header, int chunkSize, ReadOnlySpan<byte> noncePrefix)
    {
        Magic.CopyTo(header);
        header[4] = Version;
        BinaryPrimitives.WriteInt32BigEndian(header[5..], chunkSize);
        noncePrefix.CopyTo(header[9..HeaderSize]);
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> header, out int chunkSize)
    {
        chunkSize = 0;
        if (header.Length < HeaderSize || !header[..4].SequenceEqual(Magic) || header[4] != Version)
        {
            return false;
        }

        chunkSize = BinaryPrimitives.ReadInt32BigEndian(header[5..]);
        return chunkSize is >= MinChunkSize and <= MaxChunkSize;
    }

    public static void Nonce(ReadOnlySpan<byte> header, long index, Span<byte> nonce)
    {
        header[9..HeaderSize].CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], checked((uint)index));
    }

    public static void ChunkAad(ReadOnlySpan<byte> header, long index, bool final, Span<byte> aad)
    {
        header[..HeaderSize].CopyTo(aad);
        BinaryPrimitives.WriteInt64BigEndian(aad[HeaderSize..], index);
        aad[HeaderSize + 8] = final ? (byte)1 : (byte)0;
    }

    /// <summary>Number of chunks for a plaintext length: an empty blob still has one (empty, final) chunk.</summary>
    public static long ChunkCount(long plainLength, int chunkSize) =>
        plainLength == 0 ? 1 : ((plainLength - 1) / chunkSize) + 1;

    public static int PlainChunkLength(long plainLength, int chunkSize, long index) =>
        (int)Math.Min(chunkSize, plainLength - (index * chunkSize));
}
