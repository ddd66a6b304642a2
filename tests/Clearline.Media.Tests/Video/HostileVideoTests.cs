using System.Diagnostics;
using System.Text;
using Clearline.Media.Video;

namespace Clearline.Media.Tests.Video;

/// <summary>
/// Hostile and odd videos: each either hashes as documented in <c>docs/video.md</c> or fails with a typed
/// <see cref="MediaError"/> within its budget; nothing hangs, nothing throws but the caller's own cancellation, and
/// no ffmpeg is left running. Every video is generated here by ffmpeg from lavfi sources (benign only) into a temp
/// folder that is deleted afterwards.
/// </summary>
public sealed class HostileVideoTests : IClassFixture<HostileVideoTests.Videos>
{
    private readonly Videos _videos;

    public HostileVideoTests(Videos videos) => _videos = videos;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HashAsync_Mp4TruncatedAfterItsIndex_Truncated()
    {
        var whole = await _videos.GetAsync("faststart.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart");
        var cut = _videos.Cut(whole, "faststart-half.mp4", 0.5);

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(cut), ct: Ct);

        Assert.Null(result.Video);
        Assert.Equal(MediaErrorKind.Truncated, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_MatroskaTruncated_Truncated()
    {
        var whole = await _videos.GetAsync("whole.mkv", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast");
        var cut = _videos.Cut(whole, "half.mkv", 0.5);

        var result = await VpdqHasher.HashAsync(VideoInput.FromStream("matroska", _ => Task.FromResult<Stream>(File.OpenRead(cut))), ct: Ct);

        Assert.Equal(MediaErrorKind.Truncated, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_Mp4CutBeforeItsIndex_Corrupt()
    {
        var whole = await _videos.GetAsync("index-last.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast");
        var cut = _videos.Cut(whole, "index-last-half.mp4", 0.5);

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(cut), ct: Ct);

        Assert.Equal(MediaErrorKind.Corrupt, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_TransportStreamCutMidGop_HashesWhatDecodes()
    {
        // A recording that starts part-way: the decoder complains about the first packets (no PPS yet) and recovers.
        var whole = await _videos.GetAsync("long.ts", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=6", "-c:v", "libx264", "-preset", "medium", "-g", "50");
        var bytes = await File.ReadAllBytesAsync(whole, Ct);
        var mid = _videos.Write("mid.ts", bytes[(bytes.Length / 3 / 188 * 188)..]);

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(mid), ct: Ct);

        Assert.Null(result.Error);
        Assert.InRange(result.Video!.Features.Count, 50, 149);
    }

    [Theory]
    [InlineData("zero.mp4", MediaErrorKind.Unsupported)]
    [InlineData("zero.mkv", MediaErrorKind.Corrupt)]
    public async Task HashAsync_ZeroDuration_TypedError(string name, MediaErrorKind expected)
    {
        var video = await _videos.GetAsync(name, "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=1", "-t", "0", "-c:v", "libx264", "-preset", "ultrafast");

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(video), ct: Ct);

        Assert.Null(result.Video);
        Assert.Equal(expected, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_OneFrame_OneFeatureAtZero()
    {
        var video = await _videos.GetAsync("one-frame.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=1", "-frames:v", "1", "-c:v", "libx264", "-preset", "ultrafast");

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(video), ct: Ct);

        var feature = Assert.Single(result.Video!.Features);
        Assert.Equal((0, 0.0), (feature.FrameNumber, feature.TimestampSeconds));
    }

    [Fact]
    public async Task HashAsync_HundredThousandTinyFramesOverMaxFrames_RefusedFromTheProbe()
    {
        var video = await TinyFramesAsync();
        using var ffmpeg = new SoleFfmpeg();

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { MaxFrames = 10_000, FfmpegPath = ffmpeg.Path }, Ct);

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
        Assert.Contains("10000 frames", result.Error!.Message, StringComparison.Ordinal);
        await ffmpeg.AssertNoneRunningAsync();
    }

    [Fact]
    public async Task HashAsync_HundredThousandTinyFramesWithoutDuration_StoppedAtMaxFrames()
    {
        // Streamed Matroska states neither a duration nor a frame count: the bound holds while decoding.
        var video = await _videos.GetAsync("tiny-live.mkv", "-f", "lavfi", "-i", "testsrc2=s=16x16:r=1000:d=100", "-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska", "-live", "1");
        using var ffmpeg = new SoleFfmpeg();

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { MaxFrames = 2_000, FfmpegPath = ffmpeg.Path }, Ct);

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
        await ffmpeg.AssertNoneRunningAsync();
    }

    [Fact]
    public async Task HashAsync_LongerThanMaxDuration_TooLargeFromTheProbeOrWhileDecoding()
    {
        var stated = await _videos.GetAsync("whole.mkv", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast");
        var unstated = await _videos.GetAsync("tiny-live.mkv", "-f", "lavfi", "-i", "testsrc2=s=16x16:r=1000:d=100", "-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska", "-live", "1");
        var options = new VpdqHashOptions { MaxDuration = TimeSpan.FromSeconds(1) };

        var fromProbe = await VpdqHasher.HashAsync(VideoInput.FromFile(stated), options, Ct);
        var whileDecoding = await VpdqHasher.HashAsync(VideoInput.FromFile(unstated), options, Ct);

        Assert.Equal(MediaErrorKind.TooLarge, fromProbe.Error?.Kind);
        Assert.Equal(MediaErrorKind.TooLarge, whileDecoding.Error?.Kind);
        Assert.Contains("longer than", whileDecoding.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashAsync_HundredThousandTinyFramesPastATinyBudget_TimedOut()
    {
        var video = await TinyFramesAsync();
        using var ffmpeg = new SoleFfmpeg();

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { TimeBudget = TimeSpan.FromMilliseconds(300), FfmpegPath = ffmpeg.Path }, Ct);

        Assert.Null(result.Video);
        Assert.Equal(MediaErrorKind.TimedOut, result.Error?.Kind);
        await ffmpeg.AssertNoneRunningAsync();
    }

    [Fact]
    public async Task HashAsync_FramesOverTheDefaultPixelBound_TooLargeWithoutDecoding()
    {
        // 8200×8200 is over the default 8192×8192: refused by ffprobe's own -max_pixels, from the file and from stdin.
        var video = await _videos.GetAsync("huge.mkv", "-f", "lavfi", "-i", "color=c=gray:s=8200x8200:r=1:d=1", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "31");

        var fromFile = await VpdqHasher.HashAsync(VideoInput.FromFile(video), ct: Ct);
        var fromStream = await VpdqHasher.HashAsync(VideoInput.FromStream("matroska", _ => Task.FromResult<Stream>(File.OpenRead(video))), ct: Ct);

        Assert.Equal(MediaErrorKind.TooLarge, fromFile.Error?.Kind);
        Assert.Equal(MediaErrorKind.TooLarge, fromStream.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_FramesOverMaxFramePixels_TooLarge()
    {
        var result = await VpdqHasher.HashAsync(Fixture("doorknob-hd-no-bar"), new VpdqHashOptions { MaxFramePixels = 320 * 240 }, Ct);

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
    }

    [Theory]
    [InlineData(100_000, MediaErrorKind.TooLarge)]
    [InlineData(4, MediaErrorKind.Unsupported)]
    public async Task HashAsync_DownsampleOutOfBounds_TypedErrorNotAnAllocation(int side, MediaErrorKind expected)
    {
        var result = await VpdqHasher.HashAsync(Fixture("test-padded-dimensions"), new VpdqHashOptions { DownsampleFrameDimension = side }, Ct);

        Assert.Equal(expected, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_NotAVideo_Corrupt()
    {
        var text = _videos.Write("notes.mp4", "This is a text file, not a video.\n"u8.ToArray());
        var noise = new byte[64 * 1024];
        new Random(15).NextBytes(noise);

        var fromFile = await VpdqHasher.HashAsync(VideoInput.FromFile(text), ct: Ct);
        var fromStream = await VpdqHasher.HashAsync(VideoInput.FromStream("mov", _ => Task.FromResult<Stream>(new MemoryStream(noise))), ct: Ct);
        var empty = await VpdqHasher.HashAsync(VideoInput.FromStream("mov", _ => Task.FromResult<Stream>(new MemoryStream())), ct: Ct);

        Assert.Equal(MediaErrorKind.Corrupt, fromFile.Error?.Kind);
        Assert.Equal(MediaErrorKind.Corrupt, fromStream.Error?.Kind);
        Assert.Equal(MediaErrorKind.Corrupt, empty.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_PlaylistNamingALocalFile_CorruptAndTheFileNotRead()
    {
        // An HLS playlist saved as .mp4 would make ffmpeg read (and hash) another local file; only video containers are allowed.
        var local = await _videos.GetAsync("whole.mkv", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast");
        var playlist = _videos.Write("playlist.mp4", Encoding.ASCII.GetBytes($"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n{local}\n#EXT-X-ENDLIST\n"));

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(playlist), ct: Ct);

        Assert.Null(result.Video);
        Assert.Equal(MediaErrorKind.Corrupt, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_NoVideoStream_Unsupported()
    {
        var audio = await _videos.GetAsync("audio-only.mp4", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac");

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(audio), ct: Ct);

        Assert.Equal(MediaErrorKind.Unsupported, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_AudioStreamFirst_EveryFrameAsWithoutAudio()
    {
        // The reference drops the frames left in the decoder (here 2 of 50, the B-frame delay) when the video is not
        // the first stream; Clearline hashes them all.
        var video = await _videos.GetAsync("video-only.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=2", "-c:v", "libx264", "-preset", "medium");
        var audioFirst = await _videos.GetAsync("audio-first.mp4", "-i", video, "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-map", "1:a", "-map", "0:v", "-c:v", "copy", "-c:a", "aac");

        var plain = await VpdqHasher.HashAsync(VideoInput.FromFile(video), ct: Ct);
        var mixed = await VpdqHasher.HashAsync(VideoInput.FromFile(audioFirst), ct: Ct);

        Assert.Equal(50, mixed.Video!.Features.Count);
        Assert.Equal(VpdqText.ToReferenceLines(plain.Video!.Features), VpdqText.ToReferenceLines(mixed.Video.Features));
    }

    [Fact]
    public async Task HashAsync_VariableFrameRate_EveryDecodedFrameNumberedAtTheAverageRate()
    {
        // 30 frames at 30 fps, then 30 at 10 fps: 60 frames over about 4 s, average rate 900/59.
        var video = await _videos.GetAsync("vfr.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=2", "-vf", "setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'", "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast");

        var every = await VpdqHasher.HashAsync(VideoInput.FromFile(video), ct: Ct);
        var perSecond = await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { SecondsPerHash = 1 }, Ct);

        Assert.Equal(900.0 / 59, every.Video!.FrameRate, 9);
        Assert.Equal(Enumerable.Range(0, 60), every.Video.Features.Select(f => f.FrameNumber));
        Assert.All(every.Video.Features, f => Assert.Equal(f.FrameNumber / every.Video.FrameRate, f.TimestampSeconds, 9));
        Assert.Equal([0, 15, 30, 45], perSecond.Video!.Features.Select(f => f.FrameNumber));
        Assert.Equal(every.Video.Features.Where(f => f.FrameNumber % 15 == 0), perSecond.Video.Features);
    }

    [Fact]
    public async Task HashAsync_FrameSizeChangesPartWay_AllFramesAtTheFirstSizeNumberedThroughout()
    {
        // Two H.264 streams of different sizes, one after the other in one Matroska track (a new SPS part-way).
        var first = await _videos.GetAsync("small.h264", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=1", "-c:v", "libx264", "-preset", "ultrafast");
        var second = await _videos.GetAsync("large.h264", "-f", "lavfi", "-i", "mandelbrot=s=320x240:r=25", "-t", "1", "-c:v", "libx264", "-preset", "ultrafast");
        var both = _videos.Write("joined.h264", [.. File.ReadAllBytes(first), .. File.ReadAllBytes(second)]);
        var small = await _videos.GetAsync("small.mkv", "-r", "25", "-i", first, "-c", "copy");
        var joined = await _videos.GetAsync("joined.mkv", "-r", "25", "-i", both, "-c", "copy");

        var alone = await VpdqHasher.HashAsync(VideoInput.FromFile(small), ct: Ct);
        var every = await VpdqHasher.HashAsync(VideoInput.FromFile(joined), ct: Ct);
        var sampled = await VpdqHasher.HashAsync(VideoInput.FromFile(joined), new VpdqHashOptions { SecondsPerHash = 0.3 }, Ct);

        Assert.Null(every.Error);
        Assert.Equal((160, 120), (every.Video!.Width, every.Video.Height));
        Assert.Equal(Enumerable.Range(0, 50), every.Video.Features.Select(f => f.FrameNumber));
        Assert.Equal(alone.Video!.Features, every.Video.Features.Take(25));
        Assert.NotEqual(every.Video.Features[0].Hash, every.Video.Features[49].Hash);
        Assert.Equal(every.Video.Features.Where(f => f.FrameNumber % 7 == 0), sampled.Video!.Features);
    }

    [Fact]
    public async Task HashAsync_FfmpegMissing_Unreadable()
    {
        var nowhere = Path.Combine(_videos.Folder, "no-such-folder", "ffmpeg");
        using var probeOnly = new SoleFfmpeg(withFfmpeg: false);

        var noProbe = await VpdqHasher.HashAsync(Fixture("test-padded-dimensions"), new VpdqHashOptions { FfmpegPath = nowhere }, Ct);
        var noDecoder = await VpdqHasher.HashAsync(Fixture("test-padded-dimensions"), new VpdqHashOptions { FfmpegPath = probeOnly.Path }, Ct);

        Assert.Equal(MediaErrorKind.Unreadable, noProbe.Error?.Kind);
        Assert.Contains("ffprobe", noProbe.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(MediaErrorKind.Unreadable, noDecoder.Error?.Kind);
        Assert.Contains("ffmpeg was not found", noDecoder.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40_000)]
    [InlineData(300_000)]
    public async Task HashAsync_InputFailsWithIOException_UnreadableNotAnException(int failAfter)
    {
        // 0: the first read fails (ffprobe); 40,000: inside the index; 300,000: part-way through the frames (ffmpeg).
        var path = Path.Combine(TestData.Vpdq, "videos", "doorknob-hd-no-bar.mp4");
        using var ffmpeg = new SoleFfmpeg();
        var input = VideoInput.FromStream("mov", _ => Task.FromResult<Stream>(new FailingStream(File.OpenRead(path), failAfter)));

        var result = await VpdqHasher.HashAsync(input, new VpdqHashOptions { FfmpegPath = ffmpeg.Path }, Ct);

        Assert.Null(result.Video);
        Assert.Equal(MediaErrorKind.Unreadable, result.Error?.Kind);
        await ffmpeg.AssertNoneRunningAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300_000)]
    public async Task HashAsync_InputStallsForever_TimedOutAtTheBudget(int stallAfter)
    {
        // 0: ffprobe waits for its first bytes; 300,000: ffmpeg waits part-way through the frames.
        var path = Path.Combine(TestData.Vpdq, "videos", "doorknob-hd-no-bar.mp4");
        using var ffmpeg = new SoleFfmpeg();
        var input = VideoInput.FromStream("mov", _ => Task.FromResult<Stream>(new FailingStream(File.OpenRead(path), stallAfter, stall: true)));

        var result = await VpdqHasher.HashAsync(input, new VpdqHashOptions { TimeBudget = TimeSpan.FromSeconds(2), FfmpegPath = ffmpeg.Path }, Ct);

        Assert.Equal(MediaErrorKind.TimedOut, result.Error?.Kind);
        await ffmpeg.AssertNoneRunningAsync();
    }

    [Fact]
    public async Task HashAsync_OpeningTheInputFails_Unreadable()
    {
        var input = VideoInput.FromStream("mov", _ => throw new IOException("the store is gone"));

        var result = await VpdqHasher.HashAsync(input, ct: Ct);

        Assert.Equal(MediaErrorKind.Unreadable, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_FfmpegDiesPartWay_TypedError()
    {
        // A stand-in "ffmpeg" that writes half a frame and is killed: the broken output is an outcome, not an exception.
        using var ffmpeg = new SoleFfmpeg(withFfmpeg: false);
        var script = Path.Combine(Path.GetDirectoryName(ffmpeg.Path)!, "ffmpeg");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nhead -c 1000 /dev/zero\nkill -9 $$\n", Ct);
        Assert.SkipWhen(OperatingSystem.IsWindows(), "a shell script stands in for ffmpeg");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var result = await VpdqHasher.HashAsync(Fixture("test-padded-dimensions"), new VpdqHashOptions { FfmpegPath = ffmpeg.Path }, Ct);

        Assert.Equal(MediaErrorKind.Corrupt, result.Error?.Kind);
    }

    [Fact]
    public async Task HashAsync_CancelledPartWay_ThrowsAndLeavesNoFfmpeg()
    {
        var video = await TinyFramesAsync();
        using var ffmpeg = new SoleFfmpeg();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { FfmpegPath = ffmpeg.Path }, cancel.Token));

        await ffmpeg.AssertNoneRunningAsync();
    }

    [Fact]
    public async Task HashAsync_AlreadyCancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => VpdqHasher.HashAsync(Fixture("test-padded-dimensions"), ct: cancel.Token));
    }

    [Fact]
    public async Task HashAsync_OptionsOutOfRange_ArgumentOutOfRange()
    {
        var input = Fixture("test-padded-dimensions");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => VpdqHasher.HashAsync(input, new VpdqHashOptions { SecondsPerHash = -1 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => VpdqHasher.HashAsync(input, new VpdqHashOptions { SecondsPerHash = double.NaN }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => VpdqHasher.HashAsync(input, new VpdqHashOptions { DownsampleFrameDimension = -1 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => VpdqHasher.HashAsync(input, new VpdqHashOptions { MaxFrames = 0 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => VpdqHasher.HashAsync(input, new VpdqHashOptions { TimeBudget = TimeSpan.Zero }, Ct));
    }

    private static VideoInput Fixture(string name) => VideoInput.FromFile(Path.Combine(TestData.Vpdq, "videos", name + ".mp4"));

    private Task<string> TinyFramesAsync() =>
        _videos.GetAsync("tiny.mkv", "-f", "lavfi", "-i", "testsrc2=s=16x16:r=1000:d=100", "-c:v", "libx264", "-preset", "ultrafast");

    /// <summary>The generated videos of this class, each made once by ffmpeg into a temp folder deleted at the end.</summary>
    public sealed class Videos : IDisposable
    {
        private readonly Dictionary<string, Lazy<Task<string>>> _made = [];

        public string Folder { get; } = Directory.CreateTempSubdirectory("clearline-hostile-video-").FullName;

        public Task<string> GetAsync(string name, params string[] arguments)
        {
            Lazy<Task<string>> made;
            lock (_made)
            {
                if (!_made.TryGetValue(name, out made!))
                {
                    made = new Lazy<Task<string>>(() => MakeAsync(name, arguments));
                    _made[name] = made;
                }
            }

            return made.Value;
        }

        public string Cut(string path, string name, double share)
        {
            var bytes = File.ReadAllBytes(path);
            return Write(name, bytes[..(int)(bytes.Length * share)]);
        }

        public string Write(string name, byte[] bytes)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);

        private async Task<string> MakeAsync(string name, string[] arguments)
        {
            var path = Path.Combine(Folder, name);
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments, path])
            {
                start.ArgumentList.Add(argument);
            }

            using var ffmpeg = Process.Start(start)!;
            var errors = await ffmpeg.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await ffmpeg.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg could not generate {name}: {errors}");
            return path;
        }
    }

    /// <summary>
    /// ffmpeg and ffprobe linked under a folder of their own, so the test can tell its children from other tests'
    /// by their command line.
    /// </summary>
    private sealed class SoleFfmpeg : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("clearline-sole-ffmpeg-").FullName;

        public SoleFfmpeg(bool withFfmpeg = true)
        {
            File.CreateSymbolicLink(System.IO.Path.Combine(_folder, "ffprobe"), Which("ffprobe"));
            if (withFfmpeg)
            {
                File.CreateSymbolicLink(System.IO.Path.Combine(_folder, "ffmpeg"), Which("ffmpeg"));
            }
        }

        public string Path => System.IO.Path.Combine(_folder, "ffmpeg");

        /// <summary>Waits (a little) for killed children to go, then asserts none runs from this folder.</summary>
        public async Task AssertNoneRunningAsync()
        {
            for (var i = 0; i < 50 && Running().Count > 0; i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.Empty(Running());
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private List<int> Running()
        {
            var found = new List<int>();
            foreach (var process in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(System.IO.Path.GetFileName(process), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    continue;
                }

                try
                {
                    if (File.ReadAllText(System.IO.Path.Combine(process, "cmdline")).Contains(_folder, StringComparison.Ordinal))
                    {
                        found.Add(id);
                    }
                }
                catch (IOException)
                {
                    // It exited while we looked.
                }
                catch (UnauthorizedAccessException)
                {
                    // Not ours.
                }
            }

            return found;
        }

        private static string Which(string name) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
                .Select(folder => System.IO.Path.Combine(folder, name))
                .First(File.Exists);
    }

    /// <summary>
    /// A stream that reads its inner stream and then fails, as a dropped network share or a failing disk would, or
    /// stalls until cancelled, as a hung one would.
    /// </summary>
    private sealed class FailingStream(Stream inner, long failAfter, bool stall = false) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_read >= failAfter)
            {
                throw new IOException("the disk went away");
            }

            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - _read)]);
            _read += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (stall && _read >= failAfter)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Read(buffer.Span);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
