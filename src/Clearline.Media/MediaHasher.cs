using Clearline.Media.Decoding;
using Clearline.Media.Hashing;
using Clearline.Media.Pdq;
using Clearline.Media.Previews;

namespace Clearline.Media;

/// <summary>
/// Hashes one media item: MD5, SHA-1 and SHA-256 of the bytes, then a safe decode and the PDQ hash,
/// bit-exact with Meta's C++ reference tool, plus optional dihedral hashes, per-frame hashes and previews.
/// </summary>
/// <remarks>
/// <para>Thread-safe; reuse one instance. Never throws for bad data: decoding problems are returned as
/// <see cref="MediaHashResult.Error"/>, and the cryptographic hashes are always computed.</para>
/// <para>Pixel policies, matching the reference tool (<c>pdq-photo-hasher</c>):</para>
/// <list type="bullet">
/// <item>Alpha is ignored: the colour stored under transparent pixels is hashed, with no compositing. For GIFs that
/// colour is the palette entry of the frame's transparent index, read from the file's colour table and
/// graphic-control extension (Skia's decoder gives it as black), so transparent GIFs hash as the reference's do.</item>
/// <item>EXIF orientation is ignored: pixels are hashed in stored order (the orientation is reported in
/// <see cref="ImageMetadata.Orientation"/>; dihedral hashes cover rotated copies).</item>
/// <item>Images wider or taller than 512 are first resized to exactly 512×512, nearest neighbour.</item>
/// <item>An image whose every pixel has R = G = B is hashed on the grey path.</item>
/// <item>16-bit samples are reduced to 8 bits by the decoder (the high byte, rounded), not by the reference's
/// low-byte truncation, which is a bug; such hashes differ from the reference tool's on purpose.</item>
/// <item>No colour management: embedded ICC profiles are not applied, as ImageMagick's PNM export does not.</item>
/// <item>GIF and animated WebP: the first frame; every frame when <see cref="MediaHashOptions.AllFrames"/> is set.</item>
/// </list>
/// </remarks>
public sealed partial class MediaHasher(MediaHashOptions? options = null)
{
    private readonly MediaHashOptions _options = options ?? MediaHashOptions.Default;

    /// <summary>The options in use.</summary>
    public MediaHashOptions Options => _options;

    /// <summary>Hashes bytes already in memory.</summary>
    public MediaHashResult Hash(ReadOnlySpan<byte> data) => Analyse(data, data.Length, CryptographicHasher.Compute(data));

    /// <summary>Hashes a stream, read once from its current position to its end.</summary>
    public MediaHashResult Hash(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var item = BufferedItem.Read(stream, _options.Decode.MaxBytes);
        return Complete(item);
    }

    /// <summary>Hashes a stream, read once from its current position to its end.</summary>
    public async Task<MediaHashResult> HashAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var item = await BufferedItem.ReadAsync(stream, _options.Decode.MaxBytes, cancellationToken);
        return Complete(item);
    }

    /// <summary>Hashes a file. An unreadable file gives <see cref="MediaErrorKind.Unreadable"/>, not an exception.</summary>
    public MediaHashResult HashFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return Hash(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var empty = CryptographicHasher.Compute([]);
            return new MediaHashResult(0, empty, null, null, null, [], null, new MediaError(MediaErrorKind.Unreadable, ex.Message));
        }
    }

    private MediaHashResult Complete(BufferedItem item)
    {
        if (item.Overflowed)
        {
            return new MediaHashResult(item.Length, item.Hashes, null, null, null, [], null, Errors.TooManyBytes(_options.Decode.MaxBytes));
        }

        return Analyse(item.Data, item.Length, item.Hashes);
    }

    private MediaHashResult Analyse(ReadOnlySpan<byte> data, long length, CryptographicHashes hashes)
    {
        using var pdq = new PdqFrameSink(_options.Dihedral);
        using var previews = _options.Previews is null ? null : new PreviewSink(_options.Previews);
        IFrameSink sink = previews is null ? pdq : new TeeSink(pdq, previews);
        try
        {
            var outcome = SkiaImageReader.Read(data, _options.Decode, _options.AllFrames, sink);
            var hasPixels = outcome.FramesDelivered > 0;
            return new MediaHashResult(
                length,
                hashes,
                outcome.Metadata,
                hasPixels ? pdq.Frames[0] : null,
                hasPixels ? pdq.Dihedral : null,
                _options.AllFrames ? pdq.Frames : [],
                hasPixels ? previews?.Render() : null,
                outcome.Error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not InsufficientExecutionStackException)
        {
            // A decoder bug must cost one item, not the batch: report it as data like any other bad file.
            return new MediaHashResult(length, hashes, null, null, null, [], null, Errors.Corrupt("the decoder failed: " + ex.GetType().Name));
        }
    }

    private sealed class TeeSink(IFrameSink first, IFrameSink second) : IFrameSink
    {
        public void BeginFrame(int width, int height)
        {
            first.BeginFrame(width, height);
            second.BeginFrame(width, height);
        }

        public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey)
        {
            first.AddRows(pixels, rowBytes, firstRow, rowCount, grey);
            second.AddRows(pixels, rowBytes, firstRow, rowCount, grey);
        }

        public void EndFrame(int index)
        {
            first.EndFrame(index);
            second.EndFrame(index);
        }
    }
}
