using System.Buffers;
using SkiaSharp;

namespace Clearline.Media.Decoding;

/// <summary>The result of pushing an image through <see cref="SkiaImageReader"/>.</summary>
/// <param name="Metadata">What was learnt about the image; null when it could not even be opened.</param>
/// <param name="Error">Why decoding stopped or is incomplete; null on success.</param>
/// <param name="FramesDelivered">How many frames reached the sink's <see cref="IFrameSink.EndFrame"/>.</param>
internal readonly record struct ReadOutcome(ImageMetadata? Metadata, MediaError? Error, int FramesDelivered);

/// <summary>
/// Decodes with SkiaSharp's <see cref="SKCodec"/> (libjpeg-turbo, libpng, libwebp, Wuffs GIF) and enforces the
/// limits of <see cref="DecodeOptions"/>. Never throws for bad data: every failure becomes a <see cref="MediaError"/>.
/// </summary>
/// <remarks>
/// Pixels are requested without a colour space, so no colour management is applied, and unpremultiplied, so
/// the colour under transparent pixels is kept: both as the reference hasher sees pixels.
/// </remarks>
internal static class SkiaImageReader
{
    private const int ChunkBytes = 256 * 1024;

    public static unsafe ReadOutcome Read(ReadOnlySpan<byte> data, DecodeOptions options, bool allFrames, IFrameSink sink)
    {
        var format = MediaFormatDetector.Detect(data);
        if (!format.IsImage())
        {
            return new ReadOutcome(null, Errors.NotAnImage(format, data.Length), 0);
        }

        if (data.Length > options.MaxBytes)
        {
            return new ReadOutcome(null, Errors.TooManyBytes(options.MaxBytes), 0);
        }

        var started = options.TimeProvider.GetTimestamp();
        fixed (byte* pointer = data)
        {
            using var skData = SKData.Create((IntPtr)pointer, data.Length);
            using var codec = SKCodec.Create(new SKMemoryStream(skData), out var openResult);
            if (codec is null)
            {
                return new ReadOutcome(null, Errors.FromOpen(openResult, format, data), 0);
            }

            var metadata = ReadMetadata(codec, format, data);
            if ((long)metadata.Width * metadata.Height > options.MaxPixels || metadata.Width <= 0 || metadata.Height <= 0)
            {
                return new ReadOutcome(metadata, Errors.TooManyPixels(metadata, options.MaxPixels), 0);
            }

            var frames = new FrameDecoder(codec, format, data, options, started, sink);
            var (error, delivered) = frames.Run(allFrames ? Math.Min(metadata.FrameCount, options.MaxFrames) : 1);
            return new ReadOutcome(metadata, error, delivered);
        }
    }

    /// <summary>
    /// Each frame's display time in milliseconds as the file states it (GIF delays are in hundredths of a second),
    /// or null when the data is not an image Skia can open. A still image has one frame of duration 0.
    /// </summary>
    public static unsafe int[]? FrameDurations(ReadOnlySpan<byte> data)
    {
        if (!MediaFormatDetector.Detect(data).IsImage())
        {
            return null;
        }

        fixed (byte* pointer = data)
        {
            using var skData = SKData.Create((IntPtr)pointer, data.Length);
            using var codec = SKCodec.Create(new SKMemoryStream(skData), out _);
            if (codec is null)
            {
                return null;
            }

            var frames = codec.FrameInfo;
            return frames.Length == 0 ? [0] : Array.ConvertAll(frames, frame => frame.Duration);
        }
    }

    private static ImageMetadata ReadMetadata(SKCodec codec, MediaFormat format, ReadOnlySpan<byte> data)
    {
        var exif = ExifReader.Read(data, format);
        return new ImageMetadata(
            format, codec.Info.Width, codec.Info.Height, Math.Max(1, codec.FrameCount), exif.Make, exif.Model, exif.HasGps, exif.Orientation);
    }

    /// <summary>Decodes frames one after another into the sink, scanline by scanline where the codec allows it.</summary>
    private sealed unsafe class FrameDecoder(
        SKCodec codec, MediaFormat format, ReadOnlySpan<byte> data, DecodeOptions options, long started, IFrameSink sink)
    {
        private readonly bool _grey = codec.Info.ColorType == SKColorType.Gray8;
        private readonly bool _looksTruncated = Errors.LooksTruncated(format, data);
        private readonly SKSizeI _size = options.FastJpeg && format == MediaFormat.Jpeg ? ReducedJpegSize(codec) : codec.Info.Size;
        private readonly IReadOnlyList<uint> _transparentColours = format == MediaFormat.Gif ? GifTransparency.ReadFrameColours(data) : [];

        private SKImageInfo Info => new(
            _size.Width,
            _size.Height,
            _grey ? SKColorType.Gray8 : SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul);

        private bool OverBudget => options.TimeProvider.GetElapsedTime(started) > options.TimeBudget;

        public (MediaError? Error, int Delivered) Run(int frameCount)
        {
            if (frameCount == 1 && codec.StartScanlineDecode(Info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
            {
                var error = Scanlines();
                return (error, error is null || IsPartialOk(error) ? 1 : 0);
            }

            return WholeFrames(frameCount);
        }

        /// <summary>The smallest libjpeg-turbo k/8 scale that keeps both sides at least 512 pixels.</summary>
        private static SKSizeI ReducedJpegSize(SKCodec codec)
        {
            for (var k = 1; k < 8; k++)
            {
                var size = codec.GetScaledDimensions(k / 8f);
                if (size.Width >= 512 && size.Height >= 512)
                {
                    return size;
                }
            }

            return codec.Info.Size;
        }

        private bool IsPartialOk(MediaError error) =>
            error.Kind == MediaErrorKind.Truncated && options.Truncated == TruncatedImagePolicy.HashPartial;

        private MediaError? Scanlines()
        {
            var info = Info;
            var rowBytes = info.RowBytes;
            var chunkRows = Math.Max(1, ChunkBytes / rowBytes);
            var buffer = ArrayPool<byte>.Shared.Rent(chunkRows * rowBytes);
            MediaError? error = null;
            try
            {
                sink.BeginFrame(info.Width, info.Height);
                fixed (byte* chunk = buffer)
                {
                    for (var row = 0; row < info.Height; row += chunkRows)
                    {
                        if (OverBudget)
                        {
                            return Errors.OverBudget(options.TimeBudget);
                        }

                        var rows = Math.Min(chunkRows, info.Height - row);
                        var decoded = error is null ? codec.GetScanlines((IntPtr)chunk, rows, rowBytes) : 0;
                        if (decoded < rows && error is null)
                        {
                            error = _looksTruncated ? Errors.Truncated() : Errors.Corrupt("the image data is invalid");
                            if (!IsPartialOk(error))
                            {
                                return error;
                            }
                        }

                        RestoreTransparentColour(buffer.AsSpan(0, rows * rowBytes), 0);
                        sink.AddRows(buffer.AsSpan(0, rows * rowBytes), rowBytes, row, rows, _grey);
                    }
                }

                sink.EndFrame(0);
                return error;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private (MediaError? Error, int Delivered) WholeFrames(int frameCount)
        {
            var info = Info;
            var size = info.RowBytes * info.Height;
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                Array.Clear(buffer, 0, size);
                fixed (byte* pixels = buffer)
                {
                    for (var frame = 0; frame < frameCount; frame++)
                    {
                        if (OverBudget)
                        {
                            return (Errors.OverBudget(options.TimeBudget), frame);
                        }

                        var error = DecodeFrame(info, (IntPtr)pixels, frame);
                        if (error is not null && !IsPartialOk(error))
                        {
                            return (error, frame);
                        }

                        RestoreTransparentColour(buffer.AsSpan(0, size), frame);
                        sink.BeginFrame(info.Width, info.Height);
                        sink.AddRows(buffer.AsSpan(0, size), info.RowBytes, 0, info.Height, _grey);
                        sink.EndFrame(frame);
                        if (error is not null)
                        {
                            return (error, frame + 1);
                        }
                    }
                }

                return (null, frameCount);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>
        /// Gives a GIF frame's fully transparent pixels its transparent index's palette colour, which the reference
        /// hashes and Skia decodes as black. The alpha stays 0, so compositing the next frame onto these pixels is
        /// unchanged; pixels left transparent by every frame so far take the current frame's colour.
        /// </summary>
        private void RestoreTransparentColour(Span<byte> rows, int frame)
        {
            if (!_grey && frame < _transparentColours.Count && _transparentColours[frame] != GifTransparency.None)
            {
                GifTransparency.Restore(rows, _transparentColours[frame]);
            }
        }

        private MediaError? DecodeFrame(SKImageInfo info, IntPtr pixels, int frame)
        {
            var required = frame > 0 && codec.GetFrameInfo(frame, out var frameInfo) ? frameInfo.RequiredFrame : -1;

            // The buffer still holds the previous frame, which Skia may composite onto instead of re-decoding.
            var result = codec.GetPixels(info, pixels, info.RowBytes, new SKCodecOptions(frame, required >= 0 ? frame - 1 : -1));
            if (result == SKCodecResult.InvalidParameters && required >= 0)
            {
                result = codec.GetPixels(info, pixels, info.RowBytes, new SKCodecOptions(frame));
            }

            return result switch
            {
                SKCodecResult.Success => null,
                SKCodecResult.IncompleteInput => Errors.Truncated(),
                _ when _looksTruncated => Errors.Truncated(),
                SKCodecResult.ErrorInInput => Errors.Corrupt("the image data is invalid"),
                _ => Errors.Corrupt("the decoder refused the image (" + result.ToString() + ")"),
            };
        }
    }
}
