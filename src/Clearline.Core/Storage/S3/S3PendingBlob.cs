using System.Buffers;
using Amazon.Runtime;
using Amazon.S3.Model;

namespace Clearline.Storage.S3;

/// <summary>
/// An object being written to S3. Up to one part of ciphertext stays in pooled memory and is put under its
/// address in one request at commit. Beyond that it streams as a multipart upload under a temporary key (one
/// part uploading while the next fills, so two parts of memory at most), completed when made durable and
/// published at commit by a server-side copy; disposing without commit aborts the upload or deletes the
/// temporary object, so nothing is ever visible under an address that was not committed.
/// </summary>
internal sealed class S3PendingBlob(S3BlobBackend backend) : PendingBlob
{
    private const int FirstBufferSize = 64 * 1024;
    private const int MaxParts = 10_000;

    private readonly List<PartETag> _parts = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
    private int _count;
    private long _length;
    private string? _temporaryKey;
    private string? _uploadId;
    private Task? _uploading;
    private bool _completed;
    private bool _committed;
    private bool _disposed;

    /// <summary>The ciphertext's SHA-256 to record as object metadata (by <see cref="S3StoreCopy"/>), or null.</summary>
    internal string? CiphertextSha256 { get; init; }

    public override Stream Content => field ??= new UploadStream(this);

    /// <summary>Part size doubles every thousand parts (up to 16×), so S3's 10,000 parts hold over 800 GB.</summary>
    private int CurrentPartSize => backend.PartSize << Math.Min(_parts.Count / 1000, 4);

    public override async Task MakeDurableAsync(CancellationToken ct)
    {
        if (_uploadId is null || _completed)
        {
            // Small: the bytes are in memory and go out in one request at commit.
            return;
        }

        if (_count > 0)
        {
            await UploadPartAsync(ct);
        }

        await WaitForUploadAsync();
        await backend.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = backend.Bucket,
            Key = _temporaryKey,
            UploadId = _uploadId,
            PartETags = _parts,
        }, ct);
        _completed = true;
    }

    public override async Task CommitAsync(string address, CancellationToken ct)
    {
        var key = backend.KeyOf(address);
        if (_uploadId is null)
        {
            using var body = new MemoryStream(_buffer, 0, _count, writable: false);
            await backend.Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = backend.Bucket,
                Key = key,
                InputStream = body,
                AutoCloseStream = false,
                UseChunkEncoding = false,
            }.WithHash(CiphertextSha256), ct);
        }
        else
        {
            await MakeDurableAsync(ct);
            await S3Publishing.CopyAsync(backend, _temporaryKey!, key, _length, ct);
            await DeleteTemporaryAsync();
        }

        _committed = true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await WaitForUploadAsync();
        }
        catch (Exception)
        {
            // The part's failure was reported to the writer; what is left here is to abort.
        }

        if (_uploadId is not null && !_completed)
        {
            await S3Publishing.BestEffortAsync(() => backend.Client.AbortMultipartUploadAsync(backend.Bucket, _temporaryKey, _uploadId));
        }
        else if (_completed && !_committed)
        {
            await DeleteTemporaryAsync();
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Task DeleteTemporaryAsync() =>
        S3Publishing.BestEffortAsync(() => backend.Client.DeleteObjectAsync(backend.Bucket, _temporaryKey));

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed || _committed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The object was made durable; nothing more can be written.");
        }

        while (!source.IsEmpty)
        {
            var partSize = CurrentPartSize;
            if (_count >= partSize)
            {
                await UploadPartAsync(ct);
                continue;
            }

            if (_count == _buffer.Length)
            {
                Grow(Math.Min(partSize, Math.Max(_buffer.Length * 2, _count + source.Length)));
            }

            var n = Math.Min(source.Length, Math.Min(_buffer.Length, partSize) - _count);
            source[..n].CopyTo(_buffer.AsMemory(_count));
            _count += n;
            _length += n;
            source = source[n..];
        }
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _count).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>Sends the buffer as the next part, after the previous part has gone; the next part fills meanwhile.</summary>
    private async Task UploadPartAsync(CancellationToken ct)
    {
        if (_uploadId is null)
        {
            _temporaryKey = backend.NewTemporaryKey();
            var started = await backend.Client.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest { BucketName = backend.Bucket, Key = _temporaryKey }.WithHash(CiphertextSha256), ct);
            _uploadId = started.UploadId;
        }

        await WaitForUploadAsync();
        if (_parts.Count == MaxParts)
        {
            throw new IOException("The object is too large for one S3 multipart upload.");
        }

        var buffer = _buffer;
        var count = _count;
        var partNumber = _parts.Count + 1;
        _parts.Add(new PartETag(partNumber, ""));
        _buffer = ArrayPool<byte>.Shared.Rent(CurrentPartSize);
        _count = 0;
        _uploading = SendPartAsync(buffer, count, partNumber, ct);
    }

    private async Task SendPartAsync(byte[] buffer, int count, int partNumber, CancellationToken ct)
    {
        try
        {
            using var body = new MemoryStream(buffer, 0, count, writable: false);
            var response = await backend.Client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = backend.Bucket,
                Key = _temporaryKey,
                UploadId = _uploadId,
                PartNumber = partNumber,
                PartSize = count,
                InputStream = body,
                UseChunkEncoding = false,
            }, ct);
            _parts[partNumber - 1] = new PartETag(partNumber, response.ETag);
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException)
        {
            throw new IOException($"Uploading part {partNumber} of an object to the S3 bucket failed: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WaitForUploadAsync()
    {
        if (_uploading is { } uploading)
        {
            _uploading = null;
            await uploading;
        }
    }

    /// <summary>The write side handed to the encryptor: forwards to the pending blob, never seeks.</summary>
    private sealed class UploadStream(S3PendingBlob blob) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => blob._length;

        public override long Position
        {
            get => blob._length;
            set => throw new NotSupportedException();
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            blob.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            blob.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            blob.WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

internal static class S3ObjectMetadata
{
    public static T WithHash<T>(this T request, string? sha256) where T : AmazonWebServiceRequest
    {
        if (sha256 is not null)
        {
            var metadata = request switch
            {
                PutObjectRequest put => put.Metadata,
                InitiateMultipartUploadRequest initiate => initiate.Metadata,
                _ => throw new ArgumentException("No metadata on this request.", nameof(request)),
            };
            metadata[S3StoreCopy.HashMetadata] = sha256;
        }

        return request;
    }
}
