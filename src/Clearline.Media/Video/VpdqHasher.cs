using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>
/// vPDQ hashing, bit-exact with Meta's reference <c>vpdq-hash-video</c> when ffmpeg is the same version: the first
/// video stream is decoded by ffmpeg, the selected frames converted to RGB24 by swscale's area filter, and each frame
/// hashed by the PDQ core at full size (no 512 pre-resize), with the RGB luma even for grey video.
/// </summary>
/// <remarks>
/// <para>
/// ffmpeg and ffprobe run as child processes with their arguments passed one by one (never through a shell). Frames
/// come through a pipe and are hashed while ffmpeg decodes the next ones. Bad input never throws: it returns a
/// <see cref="MediaError"/> (see <see cref="VpdqHashOptions"/> for the bounds and <c>docs/video.md</c> for each case).
/// Only cancellation by the caller's token throws (<see cref="OperationCanceledException"/>), after ffmpeg is killed.
/// </para>
/// <para>
/// Every frame leaves the filter graph at the first frame's size (or the downsample size), so a stream whose frame
/// size changes part-way is hashed at one size, with the frame numbers of the whole stream, instead of misaligning the
/// raw frames. ffmpeg runs with <c>-xerror</c>: a decoding or demuxing error that ffmpeg acts on fails the video, as
/// does a demuxer reporting the end of the data too early (a truncated or damaged file is
/// <see cref="MediaErrorKind.Truncated"/> once frames came out, <see cref="MediaErrorKind.Corrupt"/> before), and no
/// partial hash is returned; decoder complaints that ffmpeg recovers from (a stream cut mid-GOP) are tolerated.
/// ffmpeg's standard error is read only to tell truncation apart, never copied into the message, because it names
/// paths and the file's own metadata.
/// </para>
/// </remarks>
public static class VpdqHasher
{
    private const int MinFrameSide = 5;
    private const int FramesInFlight = 3;

    /// <summary>
    /// The only demuxers ffprobe and ffmpeg may use (<c>-format_whitelist</c>): the video containers Clearline hashes.
    /// Playlists and scripts (HLS, concat, ffconcat…) are refused, because they would make ffmpeg read other local
    /// files named inside a hostile file.
    /// </summary>
    internal const string Demuxers = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,asf,mpegts,mpeg,gif";

    /// <summary>Hashes a video.</summary>
    /// <param name="input">The file or stream.</param>
    /// <param name="options">Frame selection, size and bounds; <see cref="VpdqHashOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels the hashing (ffmpeg is killed and <see cref="OperationCanceledException"/> thrown).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (negative, not a number, empty path).</exception>
    public static async Task<VpdqHashResult> HashAsync(VideoInput input, VpdqHashOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= VpdqHashOptions.Default;
        Validate(options);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.TimeBudget);
        try
        {
            var probe = await VideoProbe.RunAsync(input, options, budget.Token);
            if (probe.Error is not null)
            {
                return new VpdqHashResult(null, probe.Error);
            }

            return await DecodeAndHashAsync(input, probe.Stream!, options, budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(MediaErrorKind.TimedOut, "hashing the video ran past its time budget");
        }
        catch (Exception ex) when (ex is IOException or ChannelClosedException)
        {
            // A pipe to or from a child broke in a way not handled where it happened; still an outcome, not a crash.
            return Failed(MediaErrorKind.Unreadable, "a pipe to ffmpeg broke while hashing the video");
        }
    }

    private static void Validate(VpdqHashOptions options)
    {
        if (!double.IsFinite(options.SecondsPerHash) || options.SecondsPerHash < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SecondsPerHash, "SecondsPerHash must be 0 or a positive number of seconds.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.DownsampleFrameDimension, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.DecoderThreads, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFrames, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFramePixels, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDuration, TimeSpan.Zero, nameof(options));
        if (options.TimeBudget <= TimeSpan.Zero && options.TimeBudget != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeBudget, "TimeBudget must be positive.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.FfmpegPath, nameof(options));
    }

    /// <summary>The frames hashed for a stream: one in <c>(int)(SecondsPerHash × frame rate)</c>, at least every frame.</summary>
    internal static int FrameMod(VpdqHashOptions options, double frameRate)
    {
        var mod = options.SecondsPerHash * frameRate;
        return mod >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)mod);
    }

    /// <summary>Why a probed stream is refused before anything is decoded, or null when it is decoded.</summary>
    internal static MediaError? Refuse(VideoStreamInfo stream, VpdqHashOptions options, int width, int height, int frameMod)
    {
        if (stream.Width < MinFrameSide || stream.Height < MinFrameSide || width < MinFrameSide || height < MinFrameSide)
        {
            return new MediaError(MediaErrorKind.Unsupported, "the video's frames are smaller than 5 pixels");
        }

        var limit = Math.Min(options.MaxFramePixels, Array.MaxLength / 3);
        if ((long)stream.Width * stream.Height > limit || (long)width * height > limit)
        {
            return new MediaError(MediaErrorKind.TooLarge, $"the video's frames are larger than {limit.ToString(CultureInfo.InvariantCulture)} pixels");
        }

        if (stream.Duration > options.MaxDuration)
        {
            return new MediaError(MediaErrorKind.TooLarge, $"the video is longer than {options.MaxDuration.ToString("c", CultureInfo.InvariantCulture)}");
        }

        // The container's frame count, or else its duration at the average rate: a video announcing more frames to
        // hash than the bound is refused now rather than after decoding them. A container that lies is caught by
        // the same bound while decoding.
        var frames = stream.FrameCount ?? (stream.Duration is { } duration ? (long)Math.Floor(duration.TotalSeconds * stream.FrameRate) : null);
        if (frames is { } count && (count + frameMod - 1) / frameMod > options.MaxFrames)
        {
            return TooManyFrames(options);
        }

        return null;
    }

    private static MediaError TooManyFrames(VpdqHashOptions options) =>
        new(MediaErrorKind.TooLarge, $"the video has more than {options.MaxFrames.ToString(CultureInfo.InvariantCulture)} frames to hash");

    private static async Task<VpdqHashResult> DecodeAndHashAsync(VideoInput input, VideoStreamInfo stream, VpdqHashOptions options, CancellationToken ct)
    {
        var frameMod = FrameMod(options, stream.FrameRate);
        var side = options.DownsampleFrameDimension;
        var width = side > 0 ? side : stream.Width;
        var height = side > 0 ? side : stream.Height;
        if (Refuse(stream, options, width, height, frameMod) is { } refusal)
        {
            return new VpdqHashResult(null, refusal);
        }

        using var ffmpeg = FfmpegChild.Start(options.FfmpegPath, Arguments(input, options, frameMod, width, height));
        if (ffmpeg is null)
        {
            return Failed(MediaErrorKind.Unreadable, "ffmpeg was not found or could not be started");
        }

        var frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(FramesInFlight) { SingleReader = true, SingleWriter = true });
        var spare = Channel.CreateUnbounded<byte[]>();
        for (var i = 0; i < FramesInFlight + 1; i++)
        {
            spare.Writer.TryWrite(new byte[width * height * 3]);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var killOnCancel = stop.Token.Register(() => FfmpegChild.Kill(ffmpeg));
        var feeding = FfmpegChild.FeedAsync(ffmpeg, input, stop.Token);
        var draining = FfmpegChild.ReadStandardErrorAsync(ffmpeg, stop.Token);
        var reading = ReadFramesAsync(ffmpeg.StandardOutput.BaseStream, frames.Writer, spare.Reader, stop.Token);
        var features = new List<VpdqFeature>();
        MediaError? error = null;
        try
        {
            using var scratch = PdqScratch.Rent();
            await foreach (var frame in frames.Reader.ReadAllAsync(stop.Token))
            {
                if (features.Count == options.MaxFrames)
                {
                    error = TooManyFrames(options);
                    break;
                }

                var frameNumber = features.Count * frameMod;
                var timestamp = frameNumber / stream.FrameRate;
                if (timestamp > options.MaxDuration.TotalSeconds)
                {
                    error = new MediaError(MediaErrorKind.TooLarge, $"the video is longer than {options.MaxDuration.ToString("c", CultureInfo.InvariantCulture)}");
                    break;
                }

                var result = HashFrame(scratch.Workspace, frame, width, height);
                features.Add(new VpdqFeature(frameNumber, result.Quality, result.Hash, timestamp));
                spare.Writer.TryWrite(frame);
            }

            error ??= await FinishAsync(ffmpeg, feeding, draining, reading, features.Count, stop.Token);
        }
        finally
        {
            await FfmpegChild.StopAsync(ffmpeg, stop, feeding, draining, reading);
        }

        return error is not null
            ? new VpdqHashResult(null, error)
            : new VpdqHashResult(new VpdqVideo(features, stream.FrameRate, width, height), null);
    }

    /// <summary>After the last frame: whether the input, the pipes and ffmpeg's exit say the video was whole.</summary>
    private static async Task<MediaError?> FinishAsync(Process ffmpeg, Task<MediaError?> feeding, Task<string> draining, Task<MediaError?> reading, int hashed, CancellationToken ct)
    {
        var pipeError = await reading;
        await ffmpeg.WaitForExitAsync(ct);
        var inputError = await feeding;
        var complaints = await draining;
        if (inputError is not null)
        {
            return inputError;
        }

        if (pipeError is not null)
        {
            return pipeError;
        }

        // Decoder complaints on their own are tolerated (a stream cut mid-GOP logs "non-existing PPS" for its first
        // packets and then decodes); an error ffmpeg acts on (-xerror: a non-zero exit) or a demuxer reaching the end
        // of the data too early is not.
        if (ffmpeg.ExitCode != 0 || SaysTruncated(complaints))
        {
            return hashed == 0 && !SaysTruncated(complaints)
                ? new MediaError(MediaErrorKind.Corrupt, "ffmpeg could not decode the video")
                : new MediaError(MediaErrorKind.Truncated, "ffmpeg stopped with an error part-way through the video (truncated or damaged)");
        }

        return hashed == 0 ? new MediaError(MediaErrorKind.Corrupt, "the video has no frame that decodes") : null;
    }

    /// <summary>Whether ffmpeg's complaints are those of a demuxer reaching the end of the data too early.</summary>
    internal static bool SaysTruncated(string complaints) =>
        complaints.Contains("partial file", StringComparison.OrdinalIgnoreCase)
        || complaints.Contains("ended prematurely", StringComparison.OrdinalIgnoreCase)
        || complaints.Contains("truncat", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PDQ hash of one RGB24 frame, with the reference's RGB luma and no pre-resize.</summary>
    internal static PdqResult HashFrame(PdqWorkspace ws, ReadOnlySpan<byte> rgb, int width, int height)
    {
        ws.EnsureCapacity(height, width);
        RgbLuma.Fill(rgb, width, height, ws.Primary);
        return PdqCore.Hash(ws, height, width);
    }

    private static List<string> Arguments(VideoInput input, VpdqHashOptions options, int frameMod, int width, int height)
    {
        var arguments = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "error", "-xerror",
            "-threads", options.DecoderThreads.ToString(CultureInfo.InvariantCulture),
            "-max_pixels", options.MaxFramePixels.ToString(CultureInfo.InvariantCulture),

            // A frame-size change part-way keeps the filter graph (the scale filter follows the new size): a rebuilt
            // graph would restart select's frame counter n and pick the wrong frames after the change.
            "-reinit_filter", "0",
            "-format_whitelist", Demuxers,
        };
        arguments.AddRange(input.Arguments);
        arguments.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn", "-fps_mode", "passthrough"]);
        var filters = new List<string>();
        if (frameMod > 1)
        {
            filters.Add($"select=not(mod(n\\,{frameMod.ToString(CultureInfo.InvariantCulture)}))");
        }

        // Always a fixed output size: the native size is the same conversion the automatic scaler would do (the
        // conformance tests hold it bit-exact), and a frame-size change part-way cannot shift the raw frames.
        filters.Add($"scale={width.ToString(CultureInfo.InvariantCulture)}:{height.ToString(CultureInfo.InvariantCulture)}:flags=area");
        arguments.AddRange(["-vf", string.Join(',', filters)]);
        arguments.AddRange(["-frames:v", (options.MaxFrames + 1L).ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["-sws_flags", "area", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }

    /// <returns>Null, or <see cref="MediaErrorKind.Unreadable"/> when the pipe from ffmpeg broke.</returns>
    private static async Task<MediaError?> ReadFramesAsync(Stream stdout, ChannelWriter<byte[]> frames, ChannelReader<byte[]> spare, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var buffer = await spare.ReadAsync(ct);
                var read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
                if (read < buffer.Length)
                {
                    break;
                }

                await frames.WriteAsync(buffer, ct);
            }

            frames.TryComplete();
            return null;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            frames.TryComplete();
            return new MediaError(MediaErrorKind.Unreadable, "the pipe from ffmpeg broke while reading frames");
        }
        catch (Exception ex)
        {
            frames.TryComplete(ex);
            throw;
        }
    }

    private static VpdqHashResult Failed(MediaErrorKind kind, string message) => new(null, new MediaError(kind, message));
}
