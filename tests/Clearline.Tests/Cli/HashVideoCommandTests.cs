using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Clearline.Media.Video;

namespace Clearline.Tests.Cli;

/// <summary>
/// <c>clearline hash VIDEO</c> through the real executable, against the reference's own hash files in
/// <c>tests/testdata/vpdq/reference-output</c> (made by Meta's <c>vpdq-hash-video</c> with the same FFmpeg).
/// </summary>
public sealed class HashVideoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clearline-hash-video-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> ReferenceRuns()
    {
        var runs = new TheoryData<string, string>();
        foreach (var video in new[] { "doorknob-hd-no-bar", "pattern-sd-grey-bar", "pattern-sd-with-small-logo-bar", "test-padded-dimensions" })
        {
            foreach (var mode in new[] { "every-frame", "every-frame-128x128", "1-per-second" })
            {
                runs.Add(video, mode);
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(ReferenceRuns))]
    public async Task HashFormatVpdq_ReferenceVideo_IsByteIdenticalToTheReferenceFile(string video, string mode)
    {
        string[] options = mode switch
        {
            "every-frame-128x128" => ["--downsample-frame-dimension", "128"],
            "1-per-second" => ["--seconds-per-hash", "1"],
            _ => [],
        };

        var result = await ClearlineProcess.RunAsync(null, ["hash", Video(video), "--format", "vpdq", .. options]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StandardError);
        var expected = await File.ReadAllBytesAsync(Reference(video, mode), TestContext.Current.CancellationToken);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetBytes(result.StandardOutput));
    }

    [Fact]
    public async Task HashFormatTsv_Video_OneLinePerFrameUnderTheVideoHeader()
    {
        var result = await ClearlineProcess.RunAsync(null, "hash", Video("test-padded-dimensions"), "--seconds-per-hash", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("path\tframe\tquality\tpdq\ttimestamp\terror", lines[0]);
        var expected = VpdqText.ParseReferenceLines(await File.ReadAllTextAsync(Reference("test-padded-dimensions", "1-per-second"), TestContext.Current.CancellationToken));
        Assert.Equal(
            expected.Select(f => string.Join('\t', Video("test-padded-dimensions"), f.FrameNumber, f.Quality, f.Hash, f.TimestampSeconds.ToString("F3", CultureInfo.InvariantCulture), "")),
            lines[1..]);
    }

    [Fact]
    public async Task HashFormatJson_Video_OneObjectWithEveryFrame()
    {
        var result = await ClearlineProcess.RunAsync(null, "hash", Video("pattern-sd-grey-bar"), "--format", "json", "--downsample-frame-dimension", "128");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(Assert.Single(result.OutputLines));
        var root = json.RootElement;
        Assert.Equal("mp4", root.GetProperty("format").GetString());
        Assert.Equal(128, root.GetProperty("width").GetInt32());
        Assert.Equal(30, root.GetProperty("frameRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        var expected = VpdqText.ParseReferenceLines(await File.ReadAllTextAsync(Reference("pattern-sd-grey-bar", "every-frame-128x128"), TestContext.Current.CancellationToken));
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(expected.Count, root.GetProperty("frames").GetInt32());
        Assert.Equal(
            expected.Select(f => (f.FrameNumber, f.Quality, f.Hash.ToString(), Math.Round(f.TimestampSeconds, 3))),
            features.Select(f => (f.GetProperty("frame").GetInt32(), f.GetProperty("quality").GetInt32(), f.GetProperty("pdq").GetString()!, f.GetProperty("timestamp").GetDouble())));
    }

    [Fact]
    public async Task Hash_FolderOfImageTextAndGeneratedVideos_ImagesTableThenVideosTable()
    {
        await GenerateAsync(Path.Combine(_folder, "b-clip.mp4"), "testsrc2=size=160x120:rate=10:duration=2");
        await File.WriteAllTextAsync(Path.Combine(_folder, "a-note.txt"), "not an image", TestContext.Current.CancellationToken);
        var broken = await File.ReadAllBytesAsync(Path.Combine(_folder, "b-clip.mp4"), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "c-broken.mp4"), broken[..64], TestContext.Current.CancellationToken);

        var result = await ClearlineProcess.RunAsync(null, "hash", _folder, "--seconds-per-hash", "0.5");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("path\tsha256\t", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("\tunsupported", lines[1], StringComparison.Ordinal);
        Assert.Equal("path\tframe\tquality\tpdq\ttimestamp\terror", lines[2]);
        var frames = lines[3..^1].Select(l => l.Split('\t')).ToArray();
        Assert.Equal(["0", "5", "10", "15"], frames.Select(f => f[1]));
        Assert.Equal(["0.000", "0.500", "1.000", "1.500"], frames.Select(f => f[4]));
        Assert.All(frames, f => Assert.Equal(Path.Combine(_folder, "b-clip.mp4"), f[0]));
        var failed = lines[^1].Split('\t');
        Assert.Equal(Path.Combine(_folder, "c-broken.mp4"), failed[0]);
        Assert.Equal(["", "", "", ""], failed[1..5]);
        Assert.NotEmpty(failed[5]);
    }

    [Theory]
    [InlineData("--seconds-per-hash", "-1")]
    [InlineData("--seconds-per-hash", "one")]
    [InlineData("--seconds-per-hash", "NaN")]
    [InlineData("--downsample-frame-dimension", "-1")]
    [InlineData("--downsample-frame-dimension", "4")]
    [InlineData("--downsample-frame-dimension", "1.5")]
    [InlineData("--downsample-frame-dimension", "100000")]
    public async Task Hash_BadVideoOption_OneLineNamingTheOptionAndExit2(string option, string value)
    {
        var result = await ClearlineProcess.RunAsync(null, "hash", Video("test-padded-dimensions"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"clearline hash: {option} must be", line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashFormatVpdq_NotOneVideo_UsageErrorExit2()
    {
        var text = Path.Combine(_folder, "note.txt");
        await File.WriteAllTextAsync(text, "not a video", TestContext.Current.CancellationToken);

        var notVideo = await ClearlineProcess.RunAsync(null, "hash", text, "--format", "vpdq");
        var two = await ClearlineProcess.RunAsync(null, "hash", Video("test-padded-dimensions"), Video("doorknob-hd-no-bar"), "--format", "vpdq");

        Assert.Equal(2, notVideo.ExitCode);
        Assert.Equal($"clearline hash: not a video (--format vpdq hashes videos): {text}", Assert.Single(notVideo.ErrorLines));
        Assert.Equal(2, two.ExitCode);
        Assert.Equal("clearline hash: --format vpdq takes one video file", Assert.Single(two.ErrorLines));
        Assert.Empty(two.StandardOutput);
    }

    [Fact]
    public async Task HashFormatVpdq_UndecodableVideo_ErrorLineAndExit1()
    {
        var path = Path.Combine(_folder, "broken.mp4");
        var bytes = await File.ReadAllBytesAsync(Video("test-padded-dimensions"), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, bytes[..64], TestContext.Current.CancellationToken);

        var result = await ClearlineProcess.RunAsync(null, "hash", path, "--format", "vpdq");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith($"clearline hash: {path}: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static string Video(string name) => TestDataFolder.Combine("vpdq", "videos", name + ".mp4");

    private static string Reference(string video, string mode) => TestDataFolder.Combine("vpdq", "reference-output", $"{video}.{mode}.txt");

    private static async Task GenerateAsync(string path, string source)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", source, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start)!;
        var errors = await ffmpeg.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await ffmpeg.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(ffmpeg.ExitCode == 0, errors);
    }
}
