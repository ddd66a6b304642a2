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
/// ffmpeg and ffprobe run as child processes with their arguments passed one by one (never through a shell). Frames
/// come through a pipe and are hashed while ffmpeg decodes the next ones. Bad input never throws: it returns a
/// <see cref="MediaError"/> (see <see cref="VpdqHashOptions"/> for the bounds). Standard error is dropped, because
/// ffmpeg prints a file's own metadata there.
/// </remarks>
public static class VpdqHasher
{
    private const int MinFrameSide = 5;
    private const int FramesInFlight = 3;

    /// <summary>Hashes a video.</summary>
    /// <param name="input">The file or stream.</param>
    /// <param name="options">Frame selection, size and bounds; <see cref="VpdqHashOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels the hashing (ffmpeg is killed).</param>
    public static async Task<VpdqHashResult> HashAsync(VideoInput input, VpdqHashOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= VpdqHashOptions.Default;
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
    }

    private static async Task<VpdqHashResult> DecodeAndHashAsync(VideoInput input, VideoStreamInfo stream, VpdqHashOptions options, CancellationToken ct)
    {
        if (stream.Width < MinFrameSide || stream.Height < MinFrameSide)
        {
            return Failed(MediaErrorKind.Unsupported, "the video's frames are smaller than 5 pixels");
        }

        if ((long)stream.Width * stream.Height > options.MaxFramePixels)
        {
            return Failed(MediaErrorKind.TooLarge, $"the video's frames are larger than {options.MaxFramePixels.ToString(CultureInfo.InvariantCulture)} pixels");
        }

        if (stream.Duration > options.MaxDuration)
        {
            return Failed(MediaErrorKind.TooLarge, $"the video is longer than {options.MaxDuration}");
        }

        var frameMod = Math.Max(1, (int)(options.SecondsPerHash * stream.FrameRate));
        var side = options.DownsampleFrameDimension;
        var width = side > 0 ? side : stream.Width;
        var height = side > 0 ? side : stream.Height;
        using var ffmpeg = Start(options.FfmpegPath, Arguments(input, options, frameMod));
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
        var feeding = FeedAsync(ffmpeg, input, stop.Token);
        var draining = ffmpeg.StandardError.BaseStream.CopyToAsync(Stream.Null, stop.Token);
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
                    error = new MediaError(MediaErrorKind.TooLarge, $"the video has more than {options.MaxFrames.ToString(CultureInfo.InvariantCulture)} frames to hash");
                    break;
                }

                var frameNumber = features.Count * frameMod;
                var result = HashFrame(scratch.Workspace, frame, width, height);
                features.Add(new VpdqFeature(frameNumber, result.Quality, result.Hash, frameNumber / stream.FrameRate));
                spare.Writer.TryWrite(frame);
            }

            if (error is null)
            {
                await reading;
                await ffmpeg.WaitForExitAsync(stop.Token);
                if (ffmpeg.ExitCode != 0)
                {
                    error = features.Count == 0
                        ? new MediaError(MediaErrorKind.Corrupt, "ffmpeg could not decode the video")
                        : new MediaError(MediaErrorKind.Truncated, "ffmpeg stopped with an error part-way through the video");
                }
                else if (features.Count == 0)
                {
                    error = new MediaError(MediaErrorKind.Corrupt, "the video has no frame that decodes");
                }
            }
        }
        finally
        {
            await StopAsync(ffmpeg, stop, feeding, draining, reading);
        }

        return error is not null
            ? new VpdqHashResult(null, error)
            : new VpdqHashResult(new VpdqVideo(features, stream.FrameRate, width, height), null);
    }

    /// <summary>The PDQ hash of one RGB24 frame, with the reference's RGB luma and no pre-resize.</summary>
    internal static PdqResult HashFrame(PdqWorkspace ws, ReadOnlySpan<byte> rgb, int width, int height)
    {
        ws.EnsureCapacity(height, width);
        RgbLuma.Fill(rgb, width, height, ws.Primary);
        return PdqCore.Hash(ws, height, width);
    }

    private static List<string> Arguments(VideoInput input, VpdqHashOptions options, int frameMod)
    {
        var arguments = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-threads", options.DecoderThreads.ToString(CultureInfo.InvariantCulture),
            "-max_pixels", options.MaxFramePixels.ToString(CultureInfo.InvariantCulture),
        };
        arguments.AddRange(input.Arguments);
        arguments.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn", "-fps_mode", "passthrough"]);
        var filters = new List<string>();
        if (frameMod > 1)
        {
            filters.Add($"select=not(mod(n\\,{frameMod.ToString(CultureInfo.InvariantCulture)}))");
        }

        if (options.DownsampleFrameDimension > 0)
        {
            var side = options.DownsampleFrameDimension.ToString(CultureInfo.InvariantCulture);
            filters.Add($"scale={side}:{side}:flags=area");
        }

        if (filters.Count > 0)
        {
            arguments.AddRange(["-vf", string.Join(',', filters)]);
        }

        arguments.AddRange(["-sws_flags", "area", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }

    internal static Process? Start(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            return process;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process.Dispose();
            return null;
        }
    }

    /// <summary>Copies the input to the child's stdin and closes it; a child that stops reading early is not an error.</summary>
    internal static async Task FeedAsync(Process process, VideoInput input, CancellationToken ct)
    {
        var stdin = process.StandardInput.BaseStream;
        try
        {
            await using var source = await input.OpenAsync(ct);
            if (source is not null)
            {
                await source.CopyToAsync(stdin, ct);
            }
        }
        catch (IOException)
        {
            // Broken pipe: the child closed its input. Its exit code says whether it got what it needed.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Already closed by the child.
            }
        }
    }

    private static async Task ReadFramesAsync(Stream stdout, ChannelWriter<byte[]> frames, ChannelReader<byte[]> spare, CancellationToken ct)
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
        }
        catch (Exception ex)
        {
            frames.TryComplete(ex);
        }
    }

    /// <summary>Kills the child if it still runs and waits for its pipes, so nothing reads the caller's input after this returns.</summary>
    private static async Task StopAsync(Process process, CancellationTokenSource stop, params Task[] pipes)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(pipes);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            // The pipes of a killed child break; that is the point.
        }
    }

    private static VpdqHashResult Failed(MediaErrorKind kind, string message) => new(null, new MediaError(kind, message));
}
