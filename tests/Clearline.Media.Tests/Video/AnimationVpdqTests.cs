using System.Diagnostics;
using Clearline.Media.Pdq;
using Clearline.Media.Tests.Decoding;
using Clearline.Media.Video;

namespace Clearline.Media.Tests.Video;

/// <summary>
/// Animated GIF and WebP hashed per frame as short videos by <see cref="AnimationVpdq"/>. The animations are
/// generated in the test (ffmpeg from lavfi <c>testsrc2</c>, or frames drawn in code) into a temporary folder.
/// </summary>
public sealed class AnimationVpdqTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clearline-animation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Every_frame_of_an_ffmpeg_gif_hashes_exactly_as_vpdq_of_ffmpegs_own_decoding()
    {
        var path = await FfmpegAsync("testsrc2.gif", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=2", "-f", "gif");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var animation = AnimationVpdq.Hash(bytes, ct: TestContext.Current.CancellationToken);
        var video = await VpdqHasher.HashAsync(VideoInput.FromFile(path), ct: TestContext.Current.CancellationToken);

        Assert.Null(animation.Error);
        Assert.Null(video.Error);
        Assert.Equal(20, animation.Video!.Features.Count);
        Assert.Equal((160, 120), (animation.Video.Width, animation.Video.Height));
        Assert.Equal(10, animation.Video.FrameRate, 6);
        Assert.Equal(
            video.Video!.Features.Select(f => (f.FrameNumber, f.Hash, f.Quality)),
            animation.Video.Features.Select(f => (f.FrameNumber, f.Hash, f.Quality)));
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n / 10.0), animation.Video.Features.Select(f => f.TimestampSeconds));
    }

    [Fact]
    public async Task One_hash_per_second_takes_the_frames_shown_at_each_second()
    {
        var path = await FfmpegAsync("testsrc2.gif", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=3", "-f", "gif");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var every = AnimationVpdq.Hash(bytes, ct: TestContext.Current.CancellationToken).Video!.Features;
        var sampled = AnimationVpdq.Hash(bytes, new VpdqHashOptions { SecondsPerHash = 1 }, ct: TestContext.Current.CancellationToken).Video!.Features;

        Assert.Equal([0, 10, 20], sampled.Select(f => f.FrameNumber));
        Assert.Equal([0.0, 1.0, 2.0], sampled.Select(f => f.TimestampSeconds));
        Assert.Equal([every[0], every[10], every[20]], sampled);
    }

    [Fact]
    public void Frame_durations_give_the_timestamps_and_a_frame_longer_than_the_step_is_hashed_once()
    {
        var palette = TransparentGifTests.Palette([200, 150, 60]);
        var frames = new[] { 150, 10, 0, 250, 40 }.Select((delay, i) => new GifFrame(TransparentGifTests.Picture(64, 48, 0, i)) { DelayCentiseconds = delay }).ToArray();
        var gif = GifWriter.Write(64, 48, palette, frames);

        var every = AnimationVpdq.Hash(gif, ct: TestContext.Current.CancellationToken).Video!;
        var sampled = AnimationVpdq.Hash(gif, new VpdqHashOptions { SecondsPerHash = 1 }, ct: TestContext.Current.CancellationToken).Video!;

        // 1.5 s, then 0.1 s, then 0 (shown 100 ms as browsers do), 2.5 s, 0.4 s: 4.6 s for 5 frames.
        Assert.Equal([0.0, 1.5, 1.6, 1.7, 4.2], every.Features.Select(f => Math.Round(f.TimestampSeconds, 9)));
        Assert.Equal(5 / 4.6, every.FrameRate, 9);
        Assert.Equal([0, 3], sampled.Features.Select(f => f.FrameNumber)); // 0 s shows frame 0; 1 s still frame 0; 2, 3 and 4 s frame 3
    }

    [Fact]
    public async Task Every_frame_of_a_lossless_animated_webp_hashes_as_the_frame_itself()
    {
        const int width = 96;
        const int height = 80;
        var pictures = Enumerable.Range(0, 6).Select(seed => BenignImages.Rgba(width, height, seed * 31)).ToArray();
        for (var i = 0; i < pictures.Length; i++)
        {
            // Only a part changes from one frame to the next, so the encoder writes sub-rectangles that are composed.
            if (i % 2 == 1)
            {
                pictures[i - 1].AsSpan(0, width * 4 * (height / 2)).CopyTo(pictures[i]);
            }

            await File.WriteAllBytesAsync(
                Path.Combine(_folder, $"frame{i:000}.png"), BenignImages.EncodeSkia(pictures[i], width, height, SkiaSharp.SKEncodedImageFormat.Png, 100), TestContext.Current.CancellationToken);
        }

        var path = await FfmpegAsync(
            "animation.webp", "-framerate", "5", "-i", Path.Combine(_folder, "frame%03d.png"), "-c:v", "libwebp_anim", "-lossless", "1", "-pix_fmt", "bgra", "-loop", "0");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var result = AnimationVpdq.Hash(bytes, ct: TestContext.Current.CancellationToken);

        Assert.True(AnimationVpdq.IsAnimated(bytes));
        Assert.Null(result.Error);
        Assert.Equal(pictures.Select((rgba, i) => (i, Expected(rgba, width, height), Math.Round(i * 0.2, 9))), result.Video!.Features.Select(f => (f.FrameNumber, new PdqResult(f.Hash, f.Quality), Math.Round(f.TimestampSeconds, 9))));
    }

    [Fact]
    public void A_transparent_animated_gif_hashes_the_palette_colour_under_transparent_pixels()
    {
        var palette = TransparentGifTests.Palette([200, 150, 60]);
        var first = TransparentGifTests.Picture(120, 100, 0, 1);
        var second = TransparentGifTests.Picture(120, 100, 0, 2);
        var gif = GifWriter.Write(120, 100, palette, [new GifFrame(first) { TransparentIndex = 0, Disposal = 2 }, new GifFrame(second) { TransparentIndex = 0 }]);

        var result = AnimationVpdq.Hash(gif, ct: TestContext.Current.CancellationToken);

        Assert.Equal(
            [Expected(TransparentGifTests.Rgba(first, palette), 120, 100), Expected(TransparentGifTests.Rgba(second, palette), 120, 100)],
            result.Video!.Features.Select(f => new PdqResult(f.Hash, f.Quality)));
    }

    [Fact]
    public async Task A_gif_made_from_a_video_matches_the_video()
    {
        const string source = "testsrc2=size=320x240:rate=10:duration=4";
        var gif = await FfmpegAsync("clip.gif", "-f", "lavfi", "-i", source, "-f", "gif");
        var mp4 = await FfmpegAsync("clip.mp4", "-f", "lavfi", "-i", source, "-c:v", "libx264", "-pix_fmt", "yuv420p");

        var animation = AnimationVpdq.Hash(await File.ReadAllBytesAsync(gif, TestContext.Current.CancellationToken), ct: TestContext.Current.CancellationToken);
        var video = await VpdqHasher.HashAsync(VideoInput.FromFile(mp4), ct: TestContext.Current.CancellationToken);

        var comparison = VpdqMatcher.Compare(animation.Video!.Features, video.Video!.Features);
        Assert.True(comparison.IsMatch(), comparison.ToString());
        Assert.True(comparison.QueryPercent >= 90 && comparison.ComparedPercent >= 90, comparison.ToString());
    }

    [Fact]
    public void A_hundred_thousand_tiny_frames_finish_or_stop_at_the_time_budget()
    {
        var frame = TransparentGifTests.Picture(8, 8, 0, 1);
        var gif = GifWriter.Write(8, 8, TransparentGifTests.Palette([1, 2, 3]), Enumerable.Repeat(new GifFrame(frame) { DelayCentiseconds = 2 }, 100_000).ToArray());

        var result = AnimationVpdq.Hash(gif, new VpdqHashOptions { TimeBudget = TimeSpan.FromSeconds(2) }, ct: TestContext.Current.CancellationToken);
        var bounded = AnimationVpdq.Hash(gif, new VpdqHashOptions { MaxFrames = 1000 }, ct: TestContext.Current.CancellationToken);

        Assert.True(result.Error?.Kind == MediaErrorKind.TimedOut || result.Video?.Features.Count == 100_000, result.Error?.Message);
        Assert.Equal(MediaErrorKind.TooLarge, bounded.Error?.Kind);
    }

    [Fact]
    public void A_still_image_is_not_animated_and_gives_one_feature()
    {
        var png = BenignImages.Encode(MediaFormat.Png, 64, 48, 3);
        var gif = BenignImages.Gif(64, 48, [BenignImages.Rgba(64, 48, 3)]);

        Assert.False(AnimationVpdq.IsAnimated(png));
        Assert.False(AnimationVpdq.IsAnimated(gif));
        Assert.True(AnimationVpdq.IsAnimated(BenignImages.Gif(64, 48, [BenignImages.Rgba(64, 48, 3), BenignImages.Rgba(64, 48, 4)])));
        Assert.Single(AnimationVpdq.Hash(png, ct: TestContext.Current.CancellationToken).Video!.Features);
    }

    public static TheoryData<string, MediaErrorKind> Refusals() => new()
    {
        { "too-many-frames", MediaErrorKind.TooLarge },
        { "too-long", MediaErrorKind.TooLarge },
        { "too-many-pixels", MediaErrorKind.TooLarge },
        { "no-time", MediaErrorKind.TimedOut },
        { "tiny-frames", MediaErrorKind.Unsupported },
        { "not-an-image", MediaErrorKind.Unsupported },
        { "truncated", MediaErrorKind.Truncated },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bounds_and_bad_data_fail_with_a_typed_error(string name, MediaErrorKind expected)
    {
        var frames = Enumerable.Range(0, 20).Select(seed => BenignImages.Rgba(64, 48, seed)).ToArray();
        var gif = BenignImages.Gif(64, 48, frames);
        var (data, options) = name switch
        {
            "too-many-frames" => (gif, new VpdqHashOptions { MaxFrames = 19 }),
            "too-long" => (gif, new VpdqHashOptions { MaxDuration = TimeSpan.FromSeconds(1.9) }),
            "too-many-pixels" => (gif, new VpdqHashOptions { MaxFramePixels = (64 * 48) - 1 }),
            "no-time" => (gif, new VpdqHashOptions { TimeBudget = TimeSpan.Zero }),
            "tiny-frames" => (BenignImages.Gif(4, 4, [BenignImages.Rgba(4, 4, 1), BenignImages.Rgba(4, 4, 2)]), VpdqHashOptions.Default),
            "not-an-image" => (File.ReadAllBytes(Path.Combine(TestData.Vpdq, "videos", "test-padded-dimensions.mp4")), VpdqHashOptions.Default),
            _ => (gif[..(gif.Length * 2 / 3)], VpdqHashOptions.Default),
        };

        var result = AnimationVpdq.Hash(data, options, ct: TestContext.Current.CancellationToken);

        Assert.Null(result.Video);
        Assert.Equal(expected, result.Error?.Kind);
    }

    [Fact]
    public void The_frame_limit_counts_the_frames_hashed_not_the_frames_decoded()
    {
        var gif = BenignImages.Gif(64, 48, Enumerable.Range(0, 20).Select(seed => BenignImages.Rgba(64, 48, seed)).ToArray());

        var result = AnimationVpdq.Hash(gif, new VpdqHashOptions { MaxFrames = 2, SecondsPerHash = 1 }, ct: TestContext.Current.CancellationToken);

        Assert.Equal([0, 10], result.Video!.Features.Select(f => f.FrameNumber));
    }

    [Fact]
    public void Cancellation_stops_between_frames()
    {
        var gif = BenignImages.Gif(64, 48, Enumerable.Range(0, 5).Select(seed => BenignImages.Rgba(64, 48, seed)).ToArray());

        Assert.Throws<OperationCanceledException>(() => AnimationVpdq.Hash(gif, ct: new CancellationToken(canceled: true)));
    }

    /// <summary>vPDQ of one frame: RGB luma at full size, the PDQ core.</summary>
    private static PdqResult Expected(byte[] rgba, int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var p = 0; p < width * height; p++)
        {
            rgb[3 * p] = rgba[4 * p];
            rgb[(3 * p) + 1] = rgba[(4 * p) + 1];
            rgb[(3 * p) + 2] = rgba[(4 * p) + 2];
        }

        using var scratch = PdqScratch.Rent();
        return VpdqHasher.HashFrame(scratch.Workspace, rgb, width, height);
    }

    private async Task<string> FfmpegAsync(string output, params string[] arguments)
    {
        var path = Path.Combine(_folder, output);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-y", .. arguments, path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, errors);
        return path;
    }
}
