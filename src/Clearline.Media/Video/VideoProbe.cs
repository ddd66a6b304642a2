using System.Globalization;
using System.Text.Json;

namespace Clearline.Media.Video;

/// <summary>What ffprobe says about a video's first video stream.</summary>
/// <param name="Width">The decoded frame width.</param>
/// <param name="Height">The decoded frame height.</param>
/// <param name="FrameRate">The average frame rate, or the base frame rate when the average is unknown (as the reference).</param>
/// <param name="Duration">The container's (or else the stream's) duration, when known.</param>
/// <param name="FrameCount">The stream's frame count as the container states it, when it does (MP4 does, Matroska does not).</param>
internal sealed record VideoStreamInfo(int Width, int Height, double FrameRate, TimeSpan? Duration, long? FrameCount = null);

/// <summary>Runs ffprobe on the first video stream (<c>v:0</c>, the stream the reference decodes).</summary>
internal static class VideoProbe
{
    private const int MaxOutputBytes = 64 * 1024;

    public static async Task<(VideoStreamInfo? Stream, MediaError? Error)> RunAsync(VideoInput input, VpdqHashOptions options, CancellationToken ct)
    {
        using var ffprobe = FfmpegChild.Start(options.FfprobePath,
        [
            "-hide_banner", "-loglevel", "error",
            "-max_pixels", options.MaxFramePixels.ToString(CultureInfo.InvariantCulture),
            "-format_whitelist", VpdqHasher.Demuxers,
            .. input.Arguments, "-select_streams", "v:0",
            "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate,duration,nb_frames:format=duration", "-of", "json",
        ]);
        if (ffprobe is null)
        {
            return (null, new MediaError(MediaErrorKind.Unreadable, "ffprobe was not found or could not be started"));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var killOnCancel = stop.Token.Register(() => FfmpegChild.Kill(ffprobe));
        var feeding = FfmpegChild.FeedAsync(ffprobe, input, stop.Token);
        var draining = FfmpegChild.ReadStandardErrorAsync(ffprobe, stop.Token);
        byte[] output;
        MediaError? inputError;
        string complaints;
        try
        {
            output = await ReadLimitedAsync(ffprobe.StandardOutput.BaseStream, stop.Token);
            inputError = await feeding;
            complaints = await draining;
            await ffprobe.WaitForExitAsync(stop.Token);
        }
        catch (FormatException)
        {
            return (null, new MediaError(MediaErrorKind.Corrupt, "ffprobe's description of the video was too long"));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return (null, new MediaError(MediaErrorKind.Unreadable, "the pipe from ffprobe broke"));
        }
        finally
        {
            FfmpegChild.Kill(ffprobe);
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(feeding, draining);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The pipes of a killed child break.
            }
        }

        if (inputError is not null)
        {
            return (null, inputError);
        }

        if (complaints.Contains("max pixel count", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new MediaError(MediaErrorKind.TooLarge, $"the video's frames are larger than {options.MaxFramePixels.ToString(CultureInfo.InvariantCulture)} pixels"));
        }

        if (ffprobe.ExitCode != 0)
        {
            return (null, VpdqHasher.SaysTruncated(complaints)
                ? new MediaError(MediaErrorKind.Truncated, "the video's container ends before its description does")
                : new MediaError(MediaErrorKind.Corrupt, "ffprobe could not read the video's container"));
        }

        return Parse(output);
    }

    internal static (VideoStreamInfo? Stream, MediaError? Error) Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            {
                return (null, new MediaError(MediaErrorKind.Unsupported, "the file has no video stream"));
            }

            var stream = streams[0];
            var width = stream.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
            var height = stream.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
            var rate = Rational(stream, "avg_frame_rate");
            if (rate <= 0)
            {
                rate = Rational(stream, "r_frame_rate");
            }

            if (rate <= 0 || !double.IsFinite(rate))
            {
                return (null, new MediaError(MediaErrorKind.Corrupt, "the video stream has no frame rate"));
            }

            var duration = Seconds(root, "format") ?? Seconds(stream, null);
            long? frameCount = stream.TryGetProperty("nb_frames", out var n)
                && long.TryParse(n.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0
                ? count
                : null;
            return (new VideoStreamInfo(width, height, rate, duration, frameCount), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, new MediaError(MediaErrorKind.Corrupt, "ffprobe's description of the video could not be read"));
        }
    }

    private static double Rational(JsonElement stream, string name)
    {
        if (!stream.TryGetProperty(name, out var value) || value.GetString() is not { } text)
        {
            return 0;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
        }

        return long.TryParse(text.AsSpan(0, slash), NumberStyles.Integer, CultureInfo.InvariantCulture, out var numerator)
            && long.TryParse(text.AsSpan(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var denominator)
            && denominator != 0
            ? (double)numerator / denominator
            : 0;
    }

    private static TimeSpan? Seconds(JsonElement element, string? child)
    {
        if (child is not null && !element.TryGetProperty(child, out element))
        {
            return null;
        }

        return element.TryGetProperty("duration", out var value)
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream stdout, CancellationToken ct)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await stdout.ReadAsync(buffer, ct)) > 0)
        {
            if (collected.Length + read > MaxOutputBytes)
            {
                throw new FormatException("ffprobe printed more than expected.");
            }

            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }
}
