using System.Diagnostics;

namespace Clearline.Tests.Previews;

/// <summary>
/// Benign test videos (ffmpeg's moving colour-bar test pattern), generated with the ffmpeg on the PATH into a
/// temporary folder. Without ffmpeg the tests skip saying so, and fail under CI (<see cref="ExternalRequirement"/>).
/// </summary>
internal static class TestVideos
{
    private static readonly Lazy<string> _folder = new(() => Directory.CreateTempSubdirectory("clearline-test-videos-").FullName);

    /// <summary>An MP4 whose index (moov) follows the media data, as most recorders write it.</summary>
    public static byte[] Mp4IndexAtEnd() => Make("index-at-end.mp4", "-c:v", "mpeg4", "-q:v", "3");

    /// <summary>An MP4 with its index first ("fast start"), which streams.</summary>
    public static byte[] Mp4FastStart() => Make("fast-start.mp4", "-c:v", "mpeg4", "-q:v", "3", "-movflags", "+faststart");

    public static byte[] WebM() => Make("video.webm", "-c:v", "libvpx", "-b:v", "200k");

    /// <summary>One frame of the same pattern at a contact sheet's tile size, unblurred, as a PNG.</summary>
    public static byte[] SharpFramePng() => Make("frame.png", "-frames:v", "1", "-s", "160x120");

    private static byte[] Make(string name, params string[] encoding)
    {
        ExternalRequirement.RequireProgram("ffmpeg", "apt-get install ffmpeg");
        var path = Path.Combine(_folder.Value, name);
        if (!File.Exists(path))
        {
            Run(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=10", .. encoding, path]);
        }

        return File.ReadAllBytes(path);
    }

    private static void Run(string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg could not make a test video: {errors}");
    }
}
