using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clearline.Storage.S3;

/// <summary>
/// A stored object read by HTTP range, one bounded window per GET, streamed as it arrives: memory stays a few
/// buffers whatever the object's size, and a seek costs one new request. Every window after the first asks for
/// the first one's ETag, so an object replaced mid-read fails loudly instead of mixing two versions.
/// </summary>
internal sealed class S3RangeReadStream : Stream
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly int _window;
    private readonly string? _etag;
    private GetObjectResponse? _response;
    private long _responseEnd;
    private long _responsePosition;
    private long _position;

    private S3RangeReadStream(IAmazonS3 client, string bucket, string key, int window, long length, string? etag, GetObjectResponse? first)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        _window = window;
        Length = length;
        _etag = etag;
        _response = first;
        _responseEnd = first is null ? 0 : Math.Min(window, length);
    }

    /// <summary>Opens <paramref name="key"/> with a GET of its first window, or returns null when there is no such object.</summary>
    public static async Task<Stream?> OpenAsync(IAmazonS3 client, string bucket, string key, int window, CancellationToken ct)
    {
        GetObjectResponse? first = null;
        try
        {
            first = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(0, window - 1) }, ct);
            return new S3RangeReadStream(client, bucket, key, window, TotalLength(first), first.ETag, first);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            first?.Dispose();
            return new S3RangeReadStream(client, bucket, key, window, 0, etag: null, first: null);
        }
        catch
        {
            first?.Dispose();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= Length)
        {
            return 0;
        }

        if (_response is null || _responsePosition != _position || _responsePosition >= _responseEnd)
        {
            await OpenWindowAsync(cancellationToken);
        }

        var wanted = (int)Math.Min(buffer.Length, _responseEnd - _position);
        var read = await _response!.ResponseStream.ReadAsync(buffer[..wanted], cancellationToken);
        if (read == 0)
        {
            throw new IOException("The S3 server ended a ranged read early.");
        }

        _position += read;
        _responsePosition += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <remarks>The SDK reads asynchronously only; a synchronous reader (an image decoder) waits here.</remarks>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _response?.Dispose();
            _response = null;
        }

        base.Dispose(disposing);
    }

    private async Task OpenWindowAsync(CancellationToken ct)
    {
        _response?.Dispose();
        _response = null;
        var end = Math.Min(_position + _window, Length);
        try
        {
            _response = await _client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = _bucket,
                Key = _key,
                ByteRange = new ByteRange(_position, end - 1),
                EtagToMatch = _etag,
            }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new IOException("The stored object changed while it was being read.", ex);
        }

        _responsePosition = _position;
        _responseEnd = end;
    }

    /// <summary>The object's size from <c>Content-Range: bytes 0-99/1234</c>.</summary>
    private static long TotalLength(GetObjectResponse response)
    {
        var range = response.ContentRange;
        var slash = range?.LastIndexOf('/') ?? -1;
        if (slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return total;
        }

        // A server that ignored the range sent the whole object.
        return response.ContentLength;
    }
}
