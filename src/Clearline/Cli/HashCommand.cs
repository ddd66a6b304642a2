using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Clearline.Media;
using Clearline.Media.Video;

namespace Clearline.Cli;

/// <summary>
/// <c>clearline hash PATH... [--recursive] [--format tsv|json|vpdq] [--dihedral] [--seconds-per-hash S]
/// [--downsample-frame-dimension N]</c>: one line per image with its cryptographic hashes, PDQ hash, quality, size,
/// format and error; then the videos (detected from their first bytes) with their vPDQ (see
/// <see cref="VideoHashOutput"/>). A bad file is a line with an error, not a failure: the exit code is 0 when every
/// path was found, 2 when a path does not exist or an option's value is bad (a usage error). <c>--format vpdq</c>
/// takes one video and prints the reference's hash file; a video that cannot be hashed then exits 1.
/// </summary>
public static class HashCommand
{
    private static readonly TimeSpan _progressInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or directories to hash.",
            Arity = ArgumentArity.OneOrMore,
        };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Hash files in subdirectories too." };
        var format = new Option<string>("--format")
        {
            Description = "Output format: tsv (with a header line), json (one object per line) or vpdq (one video: the reference's hash file).",
            DefaultValueFactory = _ => "tsv",
        };
        format.AcceptOnlyFromAmong("tsv", "json", "vpdq");
        var dihedral = new Option<bool>("--dihedral") { Description = "Also print the seven other dihedral PDQ hashes (rot90 … flipminus1)." };
        var secondsPerHash = new Option<string>("--seconds-per-hash")
        {
            Description = "Videos: hash one frame every S seconds (frames whose number is a multiple of (int)(S × fps)); 0 = every frame.",
            DefaultValueFactory = _ => "0",
        };
        var downsample = new Option<string>("--downsample-frame-dimension")
        {
            Description = "Videos: scale each frame to N×N before hashing (at least 5); 0 = full size.",
            DefaultValueFactory = _ => "0",
        };

        var command = new Command("hash", "Print MD5, SHA-1, SHA-256 and PDQ hashes of image files, using every core, and the vPDQ of videos.");
        command.Arguments.Add(paths);
        command.Options.Add(recursive);
        command.Options.Add(format);
        command.Options.Add(dihedral);
        command.Options.Add(secondsPerHash);
        command.Options.Add(downsample);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var video = VideoOptions(parse.GetValue(secondsPerHash), parse.GetValue(downsample), out var problem);
            if (video is null)
            {
                await error.WriteLineAsync($"clearline hash: {problem}");
                return CliErrors.UserError;
            }

            var request = new HashRequest(
                parse.GetRequiredValue(paths), parse.GetValue(recursive), parse.GetValue(format) ?? "tsv", parse.GetValue(dihedral), video);
            try
            {
                return request.Format == "vpdq"
                    ? await RunReferenceFileAsync(request, output, error, ct)
                    : await RunAsync(request, output, error, ct);
            }
            catch (IOException ex)
            {
                // A closed pipe (`clearline hash DIR | head`) or a full disk: one line, no stack trace.
                await error.WriteLineAsync($"clearline hash: cannot write the output: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private sealed record HashRequest(string[] Paths, bool Recursive, string Format, bool Dihedral, VpdqHashOptions Video)
    {
        public bool Json => Format == "json";
    }

    /// <summary>
    /// The video options, or null with the problem. Seconds are read as a 32-bit float and widened, as the
    /// reference's <c>std::stof</c> does, so a fraction selects the same frames.
    /// </summary>
    private static VpdqHashOptions? VideoOptions(string? secondsText, string? sideText, out string problem)
    {
        problem = "";
        if (!float.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !float.IsFinite(seconds) || seconds < 0)
        {
            problem = $"--seconds-per-hash must be a number of seconds, 0 or more (0 = every frame), not '{secondsText}'";
            return null;
        }

        if (!int.TryParse(sideText, NumberStyles.None, CultureInfo.InvariantCulture, out var side) || side is > 0 and < MinFrameSide or > MaxFrameSide)
        {
            problem = $"--downsample-frame-dimension must be 0 (full size) or a side from {MinFrameSide} to {MaxFrameSide} pixels, not '{sideText}'";
            return null;
        }

        return new VpdqHashOptions { SecondsPerHash = seconds, DownsampleFrameDimension = side };
    }

    private const int MinFrameSide = 5;
    private const int MaxFrameSide = 8192;

    private static async Task<int> RunAsync(HashRequest request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var missing = request.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        foreach (var path in missing)
        {
            await error.WriteLineAsync($"clearline hash: no such file or directory: {path}");
        }

        var showProgress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && request.Paths.Any(Directory.Exists);
        var hasher = new MediaHasher(new MediaHashOptions { Dihedral = request.Dihedral });
        var videos = new List<(string Path, MediaFormat Format)>();
        var headerWritten = false;
        var done = 0;
        var lastProgress = Stopwatch.StartNew();
        await foreach (var item in hasher.HashFilesAsync(NonVideos(Files(request), videos), cancellationToken: ct))
        {
            if (!request.Json && !headerWritten)
            {
                await output.WriteLineAsync(HashReport.TsvHeader(request.Dihedral));
                headerWritten = true;
            }

            var line = request.Json ? HashReport.ToJson(item, request.Dihedral) : HashReport.ToTsv(item, request.Dihedral);
            await output.WriteLineAsync(line);
            done++;
            if (showProgress && lastProgress.Elapsed > _progressInterval)
            {
                await error.WriteAsync($"\rhashed {done} files");
                lastProgress.Restart();
            }
        }

        if (showProgress)
        {
            await error.WriteLineAsync($"\rhashed {done} files");
        }

        if (!request.Json && !headerWritten && videos.Count == 0)
        {
            await output.WriteLineAsync(HashReport.TsvHeader(request.Dihedral));
        }

        await WriteVideosAsync(request, videos, output, ct);
        await output.FlushAsync(ct);
        return missing.Length == 0 ? 0 : 2;
    }

    /// <summary>Videos one at a time after the images (ffmpeg decodes each on every core); TSV under its own header.</summary>
    private static async Task WriteVideosAsync(HashRequest request, List<(string Path, MediaFormat Format)> videos, TextWriter output, CancellationToken ct)
    {
        if (videos.Count > 0 && !request.Json)
        {
            await output.WriteLineAsync(VideoHashOutput.TsvHeader);
        }

        foreach (var (path, format) in videos)
        {
            var result = await VpdqHasher.HashAsync(VideoInput.FromFile(path), request.Video, ct);
            if (request.Json)
            {
                await output.WriteLineAsync(VideoHashOutput.ToJson(path, format, result));
                continue;
            }

            foreach (var line in VideoHashOutput.ToTsv(path, result))
            {
                await output.WriteLineAsync(line);
            }
        }
    }

    /// <summary><c>--format vpdq</c>: one video file, its reference hash file on stdout.</summary>
    private static async Task<int> RunReferenceFileAsync(HashRequest request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (request.Paths.Length != 1 || !File.Exists(request.Paths[0]))
        {
            await error.WriteLineAsync(request.Paths.Length != 1
                ? "clearline hash: --format vpdq takes one video file"
                : $"clearline hash: no such file: {request.Paths[0]}");
            return CliErrors.UserError;
        }

        var path = request.Paths[0];
        var format = DetectFormat(path);
        if (!format.IsVideo())
        {
            await error.WriteLineAsync($"clearline hash: not a video (--format vpdq hashes videos): {path}");
            return CliErrors.UserError;
        }

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(path), request.Video, ct);
        if (result.Video is null)
        {
            await error.WriteLineAsync($"clearline hash: {path}: {result.Error?.Message} ({result.Error?.Code})");
            return CliErrors.Failure;
        }

        await output.WriteAsync(VideoHashOutput.ToReferenceFile(result.Video));
        await output.FlushAsync(ct);
        return CliErrors.Success;
    }

    /// <summary>Passes on the files that are not videos; the videos are collected, in order, for vPDQ.</summary>
    private static IEnumerable<string> NonVideos(IEnumerable<string> files, List<(string Path, MediaFormat Format)> videos)
    {
        foreach (var file in files)
        {
            var format = DetectFormat(file);
            if (format.IsVideo())
            {
                videos.Add((file, format));
            }
            else
            {
                yield return file;
            }
        }
    }

    /// <summary>The format from the file's first bytes; Unknown when it cannot be read (the image path then reports why).</summary>
    private static MediaFormat DetectFormat(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> header = stackalloc byte[MediaFormatDetector.HeaderLength];
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return MediaFormatDetector.Detect(header[..read]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return MediaFormat.Unknown;
        }
    }

    /// <summary>Files in argument order; a directory's files in ordinal name order, without following links.</summary>
    private static IEnumerable<string> Files(HashRequest request)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = request.Recursive,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        foreach (var path in request.Paths)
        {
            if (File.Exists(path))
            {
                yield return path;
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", options).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }
}
