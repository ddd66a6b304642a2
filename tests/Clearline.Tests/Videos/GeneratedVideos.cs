using System.Diagnostics;

namespace Clearline.Tests.Videos;

/// <summary>
/// Benign videos generated in the test with ffmpeg from lavfi sources (<c>testsrc2</c>, <c>mandelbrot</c>,
/// <c>smptebars</c>) into a temporary folder that is deleted with this object.
/// </summary>
internal sealed class GeneratedVideos : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clearline-video-pipeline-").FullName;

    public GeneratedVideos() => ExternalRequirement.RequireProgram("ffmpeg", "apt-get install ffmpeg");

    /// <summary>The path of a file in the folder.</summary>
    public string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>An H.264 MP4 (index first) of a lavfi <paramref name="source"/>, e.g. <c>testsrc2=duration=6:size=320x240:rate=10</c>.</summary>
    public string Make(string name, string source, string bitrate = "800k")
    {
        var path = PathOf(name);
        Run(["-f", "lavfi", "-i", source, "-c:v", "libx264", "-b:v", bitrate, "-pix_fmt", "yuv420p", "-movflags", "+faststart", path]);
        return path;
    }

    /// <summary>
    /// A copy of <paramref name="original"/> re-encoded at another bitrate with its first <paramref name="trimSeconds"/>
    /// cut off, its MP4 index at the end (as recorders write it).
    /// </summary>
    public string ReencodeTrimmed(string original, string name, double trimSeconds, string bitrate = "250k")
    {
        var path = PathOf(name);
        Run(["-ss", trimSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), "-i", original, "-c:v", "libx264", "-b:v", bitrate, "-pix_fmt", "yuv420p", path]);
        return path;
    }

    /// <summary><paramref name="original"/> converted by ffmpeg to the format of <paramref name="name"/>'s extension (e.g. an animated GIF).</summary>
    public string Convert(string original, string name, params string[] options)
    {
        var path = PathOf(name);
        Run(["-i", original, .. options, path]);
        return path;
    }

    /// <summary>A WebM (VP8) of a lavfi <paramref name="source"/>.</summary>
    public string MakeWebM(string name, string source)
    {
        var path = PathOf(name);
        Run(["-f", "lavfi", "-i", source, "-c:v", "libvpx", "-b:v", "300k", path]);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void Run(string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-y", "-threads", "1", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg could not make a test video: {errors}");
    }
}
