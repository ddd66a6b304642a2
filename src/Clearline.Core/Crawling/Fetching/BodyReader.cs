using System.Buffers;
using System.IO.Compression;

namespace Clearline.Crawling.Fetching;

/// <summary>The body of a response, or why it was not accepted.</summary>
internal sealed record BodyOutcome(ReadOnlyMemory<byte> Body, FetchError? Error);

/// <summary>
/// Reads a response body within the size limit, decompressing gzip, deflate and br itself (the handler's automatic
/// decompression would hide the compressed size, and with it the ratio that exposes a compression bomb).
/// </summary>
/// <remarks>
/// Excluded: bodies over the limit (refused from Content-Length before reading, or as soon as the limit is passed
/// while reading) and compressed bodies expanding more than <see cref="CrawlerOptions.MaxDecompressionRatio"/>
/// times. Nothing beyond the limit is ever buffered, so a hostile server cannot exhaust the worker's memory.
/// </remarks>
internal static class BodyReader
{
    /// <summary>Below this many decompressed bytes the ratio is not judged: small text compresses very well.</summary>
    private const long RatioGrace = 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    public static async Task<BodyOutcome> ReadAsync(
        HttpContent content, long limit, int maxRatio, FetchDeadlines deadlines, TimeSpan readTimeout)
    {
        if (content.Headers.ContentLength > limit)
        {
            return Fail(FetchErrorKind.TooLarge, $"Content-Length {content.Headers.ContentLength} is over the limit of {limit} bytes.");
        }

        await using var raw = new CountingReadStream(await content.ReadAsStreamAsync(deadlines.Token), limit, deadlines, readTimeout);
        var decoder = Decoder(content.Headers.ContentEncoding, raw);
        await using var decoded = decoder ?? raw;
        using var body = new MemoryStream((int)Math.Min(content.Headers.ContentLength ?? ChunkSize, ChunkSize * 16));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await decoded.ReadAsync(chunk.AsMemory(0, ChunkSize), deadlines.Token)) > 0)
            {
                var total = body.Length + read;
                if (decoder is not null && total > RatioGrace && total > raw.Count * maxRatio)
                {
                    return Fail(FetchErrorKind.DecompressionBomb, $"The body expands more than {maxRatio} times.");
                }

                if (total > limit)
                {
                    return Fail(FetchErrorKind.TooLarge, $"The body is over the limit of {limit} bytes.");
                }

                body.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            return raw.Exceeded
                ? Fail(FetchErrorKind.TooLarge, $"The body is over the limit of {limit} bytes.")
                : Fail(FetchErrorKind.Protocol, "The body's compression is corrupt.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return raw.Exceeded
            ? Fail(FetchErrorKind.TooLarge, $"The body is over the limit of {limit} bytes.")
            : new BodyOutcome(body.GetBuffer().AsMemory(0, (int)body.Length), null);
    }

    /// <summary>A decoder for a single known content coding; null (keep the bytes as sent) for none or any other.</summary>
    private static Stream? Decoder(ICollection<string> encodings, Stream raw) =>
        encodings.Count != 1 ? null : encodings.First().Trim().ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(raw, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(raw, CompressionMode.Decompress, leaveOpen: true),
            _ => null,
        };

    private static BodyOutcome Fail(FetchErrorKind kind, string message) => new(ReadOnlyMemory<byte>.Empty, new FetchError(kind, message));
}
