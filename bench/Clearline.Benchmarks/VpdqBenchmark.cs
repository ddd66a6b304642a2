using System.Diagnostics;
using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Benchmarks;

/// <summary>
/// vPDQ hashing of a generated benign 720p H.264 video (lavfi, 30 fps): the real <c>clearline hash --format vpdq</c>
/// process against Meta's reference <c>vpdq-hash-video -t 1</c> on the same file in the same run (outputs compared
/// byte for byte), ffmpeg's decode and RGB24 conversion alone, and the frame hashing alone; then what one hash per
/// second does to matching a trimmed and a re-encoded copy against the original.
/// </summary>
/// <remarks>
/// Run (Release): <c>dotnet bench/Clearline.Benchmarks/bin/Release/net10.0/linux-x64/Clearline.Benchmarks.dll vpdq
/// [--reference /tmp/vpdqref/vpdq/cpp/build/apps/vpdq-hash-video] [--seconds 60] [--source testsrc2] [--runs 3]
/// [--video FILE] [--clearline clearline.dll]</c>. The reference is built as <c>bench/vpdq-reference.md</c> says; without it the reference rows
/// are skipped. Wall-clock figures depend on the machine's load: print <c>uptime</c> with them.
/// </remarks>
public static class VpdqBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var reference = Option(args, "--reference", "/tmp/vpdqref/vpdq/cpp/build/apps/vpdq-hash-video");
        var seconds = int.Parse(Option(args, "--seconds", "60"), CultureInfo.InvariantCulture);
        var source = Option(args, "--source", "testsrc2");
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("clearline-vpdq-bench-").FullName;
        try
        {
            var video = Option(args, "--video", "");
            if (video.Length == 0)
            {
                video = Path.Combine(folder, "original.mp4");
                await FfmpegAsync("-f", "lavfi", "-i", $"{source}=size=1280x720:rate=30", "-t", seconds.ToString(CultureInfo.InvariantCulture),
                    "-c:v", "libx264", "-preset", "veryfast", "-b:v", "4M", "-pix_fmt", "yuv420p", "-y", video);
            }

            var probe = await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { SecondsPerHash = 1 });
            var minutes = probe.Video!.Features.Count / 60.0;
            Console.WriteLine($"video: {video}, {probe.Video.Width}x{probe.Video.Height}, {probe.Video.Features.Count} s at {probe.Video.FrameRate} fps; RgbLuma SIMD: {RgbLuma.IsVectorized}; {Environment.ProcessorCount} cores; load: {Load()}");
            var clearline = Option(args, "--clearline", Path.Combine(AppContext.BaseDirectory, "clearline.dll"));
            await SpeedAsync(video, folder, reference, clearline, minutes, runs);
            await SamplingAsync(video, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SpeedAsync(string video, string folder, string reference, string clearline, double minutes, int runs)
    {
        var referenceOutput = Path.Combine(folder, "reference.txt");
        var hasReference = File.Exists(reference);
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"run {run}, load {Load()}");
            string? expected = null;
            if (hasReference)
            {
                var r = await TimeAsync(reference, "-i", video, "-o", referenceOutput, "-r", "0", "-s", "0", "-t", "1");
                expected = await File.ReadAllTextAsync(referenceOutput);
                Report("reference vpdq-hash-video -t 1", r.Seconds, minutes);
            }

            var cli = await TimeAsync("dotnet", clearline, "hash", video, "--format", "vpdq");
            Report("clearline hash --format vpdq (process)", cli.Seconds, minutes);
            if (expected is not null)
            {
                Console.WriteLine($"  identical to the reference: {cli.Output == expected} ({cli.Output.Count(c => c == '\n')} frames)");
            }

            foreach (var threads in new[] { 0, 1 })
            {
                var watch = Stopwatch.StartNew();
                var result = await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { DecoderThreads = threads });
                var hashing = watch.Elapsed.TotalSeconds;
                Report($"VpdqHasher in process, ffmpeg -threads {threads}", hashing, minutes);
                if (expected is not null && VpdqText.ToReferenceLines(result.Video!.Features) != expected)
                {
                    Console.WriteLine("  DIFFERENT from the reference");
                }

                var decode = await TimeAsync("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error", "-threads", threads.ToString(CultureInfo.InvariantCulture),
                    "-i", video, "-map", "0:v:0", "-an", "-fps_mode", "passthrough", "-sws_flags", "area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "/dev/null");
                Report($"ffmpeg decode + RGB24 alone, -threads {threads}", decode.Seconds, minutes);
                Console.WriteLine($"  decode share of the in-process wall time: {100 * decode.Seconds / hashing:F0} %");
                var piped = await DrainAsync("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error", "-threads", threads.ToString(CultureInfo.InvariantCulture),
                    "-i", video, "-map", "0:v:0", "-an", "-fps_mode", "passthrough", "-sws_flags", "area", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1");
                Report($"ffmpeg decode + RGB24 through a pipe into this process, -threads {threads}", piped, minutes);
                Console.WriteLine($"  piped decode share of the in-process wall time: {100 * piped / hashing:F0} %");
            }

            Report("frame hashing alone (RgbLuma + PDQ core, one thread)", await HashOnlySecondsAsync(video), minutes);
        }
    }

    /// <summary>Hashes 60 decoded 1280×720 frames held in memory, one thread, after a warm-up pass, and scales to the whole video's frame count.</summary>
    private static async Task<double> HashOnlySecondsAsync(string video)
    {
        const int Frames = 60;
        const int Width = 1280;
        const int Height = 720;
        var frames = new byte[Frames][];
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-i", video, "-frames:v", "60", "-sws_flags", "area", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1" })
        {
            start.ArgumentList.Add(a);
        }

        using (var ffmpeg = Process.Start(start)!)
        {
            for (var i = 0; i < Frames; i++)
            {
                frames[i] = new byte[Width * Height * 3];
                await ffmpeg.StandardOutput.BaseStream.ReadExactlyAsync(frames[i]);
            }

            await ffmpeg.WaitForExitAsync();
        }

        var total = (await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { SecondsPerHash = 1 })).Video!.Features.Count * 30;
        using var scratch = PdqScratch.Rent();
        var watch = Stopwatch.StartNew();
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass warms the JIT up (tiered compilation); the second is timed.
            watch.Restart();
            for (var i = 0; i < Frames; i++)
            {
                VpdqHasher.HashFrame(scratch.Workspace, frames[i], Width, Height);
            }
        }

        return watch.Elapsed.TotalSeconds / Frames * total;
    }

    private static async Task SamplingAsync(string video, string folder)
    {
        var duration = (await VpdqHasher.HashAsync(VideoInput.FromFile(video), new VpdqHashOptions { SecondsPerHash = 1 })).Video!.Features.Count;
        var copies = new (string Name, string[] Arguments)[]
        {
            ("trimmed 10 % at the start, on the 1 s grid", ["-ss", (duration * 0.1).ToString("F3", CultureInfo.InvariantCulture), "-i", video, "-b:v", "2M"]),
            ("trimmed 10 % + 0.5 s at the start, off the grid", ["-ss", ((duration * 0.1) + 0.5).ToString("F3", CultureInfo.InvariantCulture), "-i", video, "-b:v", "2M"]),
            ("trimmed 10 % at the end", ["-i", video, "-t", (duration * 0.9).ToString("F3", CultureInfo.InvariantCulture), "-b:v", "2M"]),
            ("re-encoded at 600 kbit/s", ["-i", video, "-b:v", "600k"]),
            ("re-encoded at 600 kbit/s, 640x360", ["-i", video, "-b:v", "600k", "-vf", "scale=640:360"]),
        };
        var original = (await VpdqHasher.HashAsync(VideoInput.FromFile(video))).Video!;
        Console.WriteLine();
        Console.WriteLine("copy vs original: q% / c% (python-threatexchange rule: unique frames, distance <= 31, quality >= 50)");
        var i = 0;
        foreach (var (name, arguments) in copies)
        {
            var path = Path.Combine(folder, $"copy-{i++}.mp4");
            await FfmpegAsync([.. arguments, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-an", "-y", path]);
            var copy = (await VpdqHasher.HashAsync(VideoInput.FromFile(path))).Video!;
            var every = VpdqMatcher.Compare(copy.Features, original.Features);
            var perSecond = VpdqMatcher.Compare(PerSecond(copy), PerSecond(original));
            var mixed = VpdqMatcher.Compare(PerSecond(copy), original.Features);
            Console.WriteLine($"  {name}: every frame {every.QueryPercent:F1} / {every.ComparedPercent:F1} ({(every.IsMatch() ? "match" : "no match")}); "
                + $"one per second {perSecond.QueryPercent:F1} / {perSecond.ComparedPercent:F1} ({(perSecond.IsMatch() ? "match" : "no match")}); "
                + $"copy one per second vs original every frame {mixed.QueryPercent:F1} / {mixed.ComparedPercent:F1} ({(mixed.IsMatch() ? "match" : "no match")})");
        }
    }

    /// <summary>The frames <c>--seconds-per-hash 1</c> selects: ffmpeg's select on the decoded index, so the same hashes.</summary>
    private static List<VpdqFeature> PerSecond(VpdqVideo video)
    {
        var mod = Math.Max(1, (int)video.FrameRate);
        return video.Features.Where(f => f.FrameNumber % mod == 0).ToList();
    }

    private static void Report(string what, double seconds, double minutes) =>
        Console.WriteLine($"  {what}: {seconds:F2} s, {seconds / minutes:F2} s per minute of video");

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var result = await TimeAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", .. arguments]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {result.Error}");
        }
    }

    private static async Task<(double Seconds, string Output, string Error, int ExitCode)> TimeAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        return (seconds, await output, await error, process.ExitCode);
    }

    /// <summary>Runs a child whose standard output is read and discarded, as the hasher reads frames; returns the seconds.</summary>
    private static async Task<double> DrainAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await process.WaitForExitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static string Option(string[] args, string name, string otherwise)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : otherwise;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
