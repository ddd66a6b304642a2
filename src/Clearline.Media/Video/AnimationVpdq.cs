using System.Globalization;
using Clearline.Media.Decoding;
using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>
/// vPDQ of an animated GIF or WebP, hashed as a short video: one feature per composed frame, PDQ-hashed at full
/// size as vPDQ hashes video frames (no 512 pre-resize, the RGB luma <c>0.299f·R + 0.587f·G + 0.114f·B</c> even for
/// grey frames), so an animation and a video made from the same pictures give comparable features.
/// </summary>
/// <remarks>
/// <para>Frames are decoded and composed by Skia (Wuffs for GIF, libwebp for WebP) under the limits of
/// <see cref="DecodeOptions"/>, with a GIF's transparent pixels given their palette colour as for still images.
/// FFmpeg is not used: it cannot decode animated WebP, and it gives a GIF's transparent pixels as black.</para>
/// <para>Timing comes from the frame durations stored in the file. As browsers do, a duration of 10 ms or less is
/// shown for 100 ms. A feature's <see cref="VpdqFeature.TimestampSeconds"/> is the frame's start time (the sum of
/// the durations before it), and <see cref="VpdqVideo.FrameRate"/> is the frame count divided by the total duration.</para>
/// <para>Options: <see cref="VpdqHashOptions.SecondsPerHash"/> 0 hashes every frame; otherwise the frames shown at
/// 0, s, 2s… seconds are hashed, each once (a frame showing across several sample times is hashed once).
/// <see cref="VpdqHashOptions.MaxFrames"/> bounds the frames hashed, <see cref="VpdqHashOptions.MaxDuration"/> the total
/// duration, <see cref="VpdqHashOptions.MaxFramePixels"/> the canvas and <see cref="VpdqHashOptions.TimeBudget"/> the
/// decoding and hashing together. <see cref="VpdqHashOptions.DownsampleFrameDimension"/>,
/// <see cref="VpdqHashOptions.FfmpegPath"/> and <see cref="VpdqHashOptions.DecoderThreads"/> do not apply: frames are
/// always hashed at the canvas size. A still image gives one feature.</para>
/// <para>Never throws for bad data: every failure is a <see cref="MediaError"/>. Thread-safe.</para>
/// </remarks>
public static class AnimationVpdq
{
    private const int MinFrameSide = 5;
    private const int ShortestShownMilliseconds = 10;
    private const int DefaultMilliseconds = 100;

    /// <summary>Whether the data is a GIF or WebP with more than one frame.</summary>
    /// <param name="data">The file's bytes.</param>
    public static bool IsAnimated(ReadOnlySpan<byte> data)
    {
        if (MediaFormatDetector.Detect(data) is not (MediaFormat.Gif or MediaFormat.WebP))
        {
            return false;
        }

        try
        {
            return SkiaImageReader.FrameDurations(data)?.Length > 1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not InsufficientExecutionStackException)
        {
            return false;
        }
    }

    /// <summary>Hashes every frame (or one frame per <see cref="VpdqHashOptions.SecondsPerHash"/>) of an animation.</summary>
    /// <param name="data">The GIF or WebP file (any image the decoder reads is accepted; a still image gives one feature).</param>
    /// <param name="options">Frame selection and bounds; <see cref="VpdqHashOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels between frames (throws <see cref="OperationCanceledException"/>).</param>
    public static VpdqHashResult Hash(ReadOnlySpan<byte> data, VpdqHashOptions? options = null, CancellationToken ct = default)
    {
        options ??= VpdqHashOptions.Default;
        var format = MediaFormatDetector.Detect(data);
        if (!format.IsImage())
        {
            return new VpdqHashResult(null, Errors.NotAnImage(format, data.Length));
        }

        try
        {
            var durations = SkiaImageReader.FrameDurations(data);
            if (durations is null)
            {
                return Failed(MediaErrorKind.Corrupt, "the animation could not be opened");
            }

            var timing = Timing.Of(durations);
            if (timing.Total > options.MaxDuration)
            {
                return Failed(MediaErrorKind.TooLarge, $"the animation is longer than {options.MaxDuration}");
            }

            var selected = timing.Select(options.SecondsPerHash);
            var count = selected.Count(s => s);
            if (count > options.MaxFrames)
            {
                return Failed(MediaErrorKind.TooLarge, $"the animation has more than {options.MaxFrames.ToString(CultureInfo.InvariantCulture)} frames to hash");
            }

            var decode = new DecodeOptions
            {
                MaxPixels = options.MaxFramePixels,
                TimeBudget = options.TimeBudget,
                MaxFrames = Array.LastIndexOf(selected, true) + 1,
            };
            using var sink = new FrameSink(selected, timing.Starts, ct);
            var outcome = SkiaImageReader.Read(data, decode, allFrames: true, sink);
            if (outcome.Error is not null)
            {
                return new VpdqHashResult(null, outcome.Error);
            }

            if (sink.TooSmall)
            {
                return Failed(MediaErrorKind.Unsupported, "the animation's frames are smaller than 5 pixels");
            }

            if (sink.Features.Count == 0)
            {
                return Failed(MediaErrorKind.Corrupt, "the animation has no frame that decodes");
            }

            var frameRate = durations.Length / timing.Total.TotalSeconds;
            return new VpdqHashResult(new VpdqVideo(sink.Features, frameRate, sink.Width, sink.Height), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not InsufficientExecutionStackException and not OperationCanceledException)
        {
            // A decoder bug must cost one item, not the batch, as in MediaHasher.
            return Failed(MediaErrorKind.Corrupt, "the decoder failed: " + ex.GetType().Name);
        }
    }

    private static VpdqHashResult Failed(MediaErrorKind kind, string message) => new(null, new MediaError(kind, message));

    /// <summary>Frame start times and the total duration, with the browsers' rule for very short durations applied.</summary>
    private sealed class Timing
    {
        private readonly double[] _ends;

        private Timing(double[] starts, double[] ends)
        {
            Starts = starts;
            _ends = ends;
        }

        /// <summary>Each frame's start, in seconds.</summary>
        public double[] Starts { get; }

        public TimeSpan Total => TimeSpan.FromSeconds(_ends[^1]);

        public static Timing Of(int[] durations)
        {
            var starts = new double[durations.Length];
            var ends = new double[durations.Length];
            long milliseconds = 0;
            for (var i = 0; i < durations.Length; i++)
            {
                starts[i] = milliseconds / 1000.0;
                milliseconds += durations[i] <= ShortestShownMilliseconds ? DefaultMilliseconds : durations[i];
                ends[i] = milliseconds / 1000.0;
            }

            return new Timing(starts, ends);
        }

        /// <summary>Every frame when <paramref name="secondsPerHash"/> is 0, else each frame shown at a multiple of it.</summary>
        public bool[] Select(double secondsPerHash)
        {
            var selected = new bool[Starts.Length];
            if (secondsPerHash <= 0)
            {
                Array.Fill(selected, true);
                return selected;
            }

            var next = 0.0;
            for (var i = 0; i < Starts.Length; i++)
            {
                if (next < _ends[i])
                {
                    selected[i] = true;
                    next = Math.Ceiling(_ends[i] / secondsPerHash) * secondsPerHash;
                    if (next < _ends[i])
                    {
                        next += secondsPerHash;
                    }
                }
            }

            return selected;
        }
    }

    /// <summary>Turns the selected composed frames into vPDQ features: RGB luma at full size, then the PDQ core.</summary>
    private sealed class FrameSink(bool[] selected, double[] starts, CancellationToken ct) : IFrameSink, IDisposable
    {
        private const float RedWeight = 0.299f;
        private const float GreenWeight = 0.587f;
        private const float BlueWeight = 0.114f;

        private readonly PdqScratch _scratch = PdqScratch.Rent();
        private int _frame;
        private bool _hashing;

        public List<VpdqFeature> Features { get; } = [];

        public bool TooSmall { get; private set; }

        public int Width { get; private set; }

        public int Height { get; private set; }

        public void BeginFrame(int width, int height)
        {
            ct.ThrowIfCancellationRequested();
            Width = width;
            Height = height;
            TooSmall |= width < MinFrameSide || height < MinFrameSide;
            _hashing = !TooSmall && _frame < selected.Length && selected[_frame];
            if (_hashing)
            {
                _scratch.Workspace.EnsureCapacity(height, width);
            }
        }

        public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey)
        {
            if (!_hashing)
            {
                return;
            }

            var stride = PdqWorkspace.Stride(Width);
            var luma = _scratch.Workspace.Primary.AsSpan();
            for (var r = 0; r < rowCount; r++)
            {
                var row = pixels.Slice(r * rowBytes, grey ? Width : Width * 4);
                var output = luma.Slice((firstRow + r) * stride, Width);
                if (grey)
                {
                    for (var x = 0; x < Width; x++)
                    {
                        output[x] = (RedWeight * row[x]) + (GreenWeight * row[x]) + (BlueWeight * row[x]);
                    }

                    continue;
                }

                for (var x = 0; x < Width; x++)
                {
                    output[x] = (RedWeight * row[4 * x]) + (GreenWeight * row[(4 * x) + 1]) + (BlueWeight * row[(4 * x) + 2]);
                }
            }
        }

        public void EndFrame(int index)
        {
            if (_hashing)
            {
                var result = PdqCore.Hash(_scratch.Workspace, Height, Width);
                Features.Add(new VpdqFeature(_frame, result.Quality, result.Hash, starts[_frame]));
            }

            _frame++;
        }

        public void Dispose() => _scratch.Dispose();
    }
}
