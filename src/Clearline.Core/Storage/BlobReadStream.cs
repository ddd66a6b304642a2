using System.Security.Cryptography;

namespace Clearline.Storage;

/// <summary>
/// Decrypts a blob chunk by chunk. Each chunk is authenticated before any of its bytes are handed out; the
/// final chunk is also held back until the whole plaintext hashes to the blob's address.
/// </summary>
internal sealed class BlobReadStream : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly AesGcm _gcm;
    private readonly byte[] _header;
    private readonly int _chunkSize;
    private readonly long _plainLength;
    private readonly long _chunkCount;
    private readonly byte[] _expectedHash;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _cipher;
    private readonly byte[] _plain;
    private readonly byte[] _nonce = new byte[BlobFormat.NonceSize];
    private readonly byte[] _aad = new byte[BlobFormat.ChunkAadSize];
    private readonly byte[] _probe = new byte[1];
    private long _nextChunk;
    private int _offset;
    private int _count;
    private long _position;

    public BlobReadStream(Stream source, ReadOnlySpan<byte> dataKey, byte[] header, int chunkSize, long plainLength, string sha256)
    {
        _source = source;
        _gcm = new AesGcm(dataKey, BlobFormat.TagSize);
        _header = header;
        _chunkSize = chunkSize;
        _plainLength = plainLength;
        _chunkCount = BlobFormat.ChunkCount(plainLength, chunkSize);
        _expectedHash = Convert.FromHexString(sha256);
        _cipher = new byte[chunkSize + BlobFormat.TagSize];
        _plain = new byte[chunkSize];
    }

    public override long Length => _plainLength;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Decrypts the first chunk, so a wrong key or a broken header shows before the caller gets a stream.</summary>
    public Task PrimeAsync(CancellationToken ct) => FillAsync(ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset == _count && !await FillAsync(cancellationToken))
        {
            return 0;
        }

        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _count)
        {
            if (_nextChunk == _chunkCount)
            {
                return 0;
            }

            var slice = CipherSlice();
            var read = _source.ReadAtLeast(slice.Span, slice.Length, throwOnEndOfStream: false);
            Open(read, IsLastChunk && read == slice.Length && _source.Read(_probe) > 0);
        }

        return Take(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CryptographicOperations.ZeroMemory(_plain);
            _gcm.Dispose();
            _hash.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_nextChunk == _chunkCount)
        {
            return false;
        }

        var slice = CipherSlice();
        var read = await _source.ReadAtLeastAsync(slice, slice.Length, throwOnEndOfStream: false, ct);
        Open(read, IsLastChunk && read == slice.Length && await _source.ReadAsync(_probe, ct) > 0);
        return true;
    }

    private bool IsLastChunk => _nextChunk == _chunkCount - 1;

    private Memory<byte> CipherSlice() =>
        _cipher.AsMemory(0, BlobFormat.PlainChunkLength(_plainLength, _chunkSize, _nextChunk) + BlobFormat.TagSize);

    /// <summary>Authenticates the chunk just read into <see cref="_cipher"/>; <paramref name="trailing"/> means bytes follow the final chunk.</summary>
    private void Open(int read, bool trailing)
    {
        var plainLength = BlobFormat.PlainChunkLength(_plainLength, _chunkSize, _nextChunk);
        if (read < plainLength + BlobFormat.TagSize)
        {
            throw new BlobTamperedException("The stored blob is truncated.");
        }

        if (trailing)
        {
            throw new BlobTamperedException("The stored blob has data after its final chunk.");
        }

        var final = IsLastChunk;
        BlobFormat.Nonce(_header, _nextChunk, _nonce);
        BlobFormat.ChunkAad(_header, _nextChunk, final, _aad);
        try
        {
            _gcm.Decrypt(_nonce, _cipher.AsSpan(0, plainLength), _cipher.AsSpan(plainLength, BlobFormat.TagSize),
                _plain.AsSpan(0, plainLength), _aad);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new BlobTamperedException("A chunk of the stored blob failed authentication.", ex);
        }

        _hash.AppendData(_plain, 0, plainLength);
        if (final && !CryptographicOperations.FixedTimeEquals(_hash.GetHashAndReset(), _expectedHash))
        {
            CryptographicOperations.ZeroMemory(_plain);
            throw new BlobTamperedException("The stored blob does not match its content address.");
        }

        _nextChunk++;
        _offset = 0;
        _count = plainLength;
    }

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _count - _offset);
        _plain.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        _position += n;
        return n;
    }
}
