using System.Globalization;
using System.Text;
using Clearline.Media.Previews;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Clearline.Previews;

/// <summary>
/// A video's preview: nine frames evenly spaced over its duration, in a 3×3 grid, blurred and greyed by the same
/// renderer as image previews. Nothing plays and no audio is decoded; the analyst sees still, blurred shapes.
/// </summary>
/// <remarks>
/// Frames come from the ffmpeg command-line tools (<see cref="VideoPreviewOptions"/>), run as child processes
/// (<see cref="FfmpegProcess"/>) on the decrypted bytes (<see cref="VideoSource"/>). ffmpeg is optional: when it is
/// missing or cannot decode the item, this returns null and the caller shows the placeholder; a missing ffmpeg is
/// logged once per process, not for every video.
/// </remarks>
public sealed class VideoContactSheet(IOptions<VideoPreviewOptions> options, ILogger<VideoContactSheet> logger)
{
    public const int Columns = 3;
    public const int Rows = 3;
    public const int TileWidth = 160;
    public const int TileHeight = 120;
    public const int Gap = 4;

    public const int Width = (Columns * TileWidth) + ((Columns - 1) * Gap);
    public const int Height = (Rows * TileHeight) + ((Rows - 1) * Gap);

    private const int FrameBytes = TileWidth * TileHeight * 3;

    /// <summary>Each tile is blurred as much, relative to its size, as an image preview is relative to its own.</summary>
    private static readonly MediaHasher _renderer = new(new MediaHashOptions
    {
        Previews = PreviewOptions.Default with { LongestSide = Width, BlurFraction = PreviewOptions.Default.BlurFraction * TileWidth / Width },
    });

    private int _missingReported;

    /// <summary>The contact sheet's previews, or null when the item yields no frame (no ffmpeg, not a video, corrupt).</summary>
    /// <param name="format">The container Clearline detected.</param>
    /// <param name="open">Opens the decrypted bytes from the start; may be called more than once.</param>
    /// <param name="ct">Cancels the runs (their processes are killed).</param>
    public async Task<ImagePreviews?> RenderAsync(MediaFormat format, Func<CancellationToken, Task<Stream?>> open, CancellationToken ct)
    {
        await using var source = await VideoSource.PrepareAsync(format, open, ct);
        if (source is null)
        {
            return null;
        }

        var probe = await RunAsync(options.Value.FfprobePath, source,
            ["-v", "error", .. source.InputArguments, "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1"], 1024, ct);
        if (!probe.Succeeded)
        {
            return null;
        }

        var frames = await RunAsync(options.Value.FfmpegPath, source,
            ["-hide_banner", "-nostats", "-loglevel", "error", .. source.InputArguments, "-an", "-sn", "-dn", "-vf", Filter(Duration(probe.Output!)),
                "-frames:v", (Columns * Rows).ToString(CultureInfo.InvariantCulture), "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
            Columns * Rows * FrameBytes, ct);
        if (!frames.Succeeded || frames.Output!.Length < FrameBytes)
        {
            return null;
        }

        return _renderer.Hash(Compose(frames.Output)).Previews;
    }

    private async Task<FfmpegRun> RunAsync(string executable, VideoSource source, IReadOnlyList<string> arguments, int maxOutputBytes, CancellationToken ct)
    {
        await using var input = await source.OpenInputAsync(ct);
        var run = await FfmpegProcess.RunAsync(executable, arguments, input, maxOutputBytes, options.Value.FfmpegTimeout, ct);
        if (run.Succeeded)
        {
            return run;
        }

        if (run.Failure == FfmpegProcess.NotFound)
        {
            if (Interlocked.Exchange(ref _missingReported, 1) == 0)
            {
                logger.LogWarning("Videos get a placeholder instead of a contact sheet: {Executable} could not be started (set Previews:FfmpegPath)", executable);
            }
        }
        else
        {
            logger.LogWarning("A video's contact sheet could not be made: {Tool} failed ({Failure})", Path.GetFileName(executable), run.Failure);
        }

        return run;
    }

    /// <summary>The duration in seconds, or null when the container does not say (a live recording, a stream).</summary>
    private static double? Duration(byte[] probed) =>
        double.TryParse(Encoding.ASCII.GetString(probed).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0 && double.IsFinite(seconds) ? seconds : null;

    /// <summary>Picks frames evenly over the duration (one a second when unknown), each fitted into a tile, letterboxed in grey.</summary>
    private static string Filter(double? duration)
    {
        var rate = duration is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"{Columns * Rows}/{Math.Max(seconds, 0.001):0.###}") : "1";
        return string.Create(CultureInfo.InvariantCulture,
            $"fps=fps={rate},scale={TileWidth}:{TileHeight}:force_original_aspect_ratio=decrease,pad={TileWidth}:{TileHeight}:(ow-iw)/2:(oh-ih)/2:color=gray");
    }

    /// <summary>Lays the RGB frames out in the grid on grey (missing tiles of a short video stay grey), as a lossless PNG.</summary>
    private static byte[] Compose(byte[] frames)
    {
        using var sheet = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        sheet.Erase(SKColors.Gray);
        var pixels = sheet.GetPixelSpan();
        var rowBytes = sheet.RowBytes;
        for (var tile = 0; tile < frames.Length / FrameBytes; tile++)
        {
            var left = (tile % Columns) * (TileWidth + Gap);
            var top = (tile / Columns) * (TileHeight + Gap);
            var frame = frames.AsSpan(tile * FrameBytes, FrameBytes);
            for (var y = 0; y < TileHeight; y++)
            {
                var target = pixels.Slice(((top + y) * rowBytes) + (left * 4), TileWidth * 4);
                var source = frame.Slice(y * TileWidth * 3, TileWidth * 3);
                for (var x = 0; x < TileWidth; x++)
                {
                    target[(4 * x) + 0] = source[(3 * x) + 0];
                    target[(4 * x) + 1] = source[(3 * x) + 1];
                    target[(4 * x) + 2] = source[(3 * x) + 2];
                    target[(4 * x) + 3] = 0xFF;
                }
            }
        }

        using var data = sheet.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
