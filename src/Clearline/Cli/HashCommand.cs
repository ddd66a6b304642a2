using System.CommandLine;
using System.Diagnostics;
using Clearline.Media;

namespace Clearline.Cli;

/// <summary>
/// <c>clearline hash PATH... [--recursive] [--format tsv|json] [--dihedral]</c>: one line per file with its
/// cryptographic hashes, PDQ hash, quality, size, format and error. A bad file is a line with an error, not a
/// failure: the exit code is 0 when every path was found, 2 when a path does not exist (a usage error).
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
            Description = "Output format: tsv (with a header line) or json (one object per line).",
            DefaultValueFactory = _ => "tsv",
        };
        format.AcceptOnlyFromAmong("tsv", "json");
        var dihedral = new Option<bool>("--dihedral") { Description = "Also print the seven other dihedral PDQ hashes (rot90 … flipminus1)." };

        var command = new Command("hash", "Print MD5, SHA-1, SHA-256 and PDQ hashes of image files, using every core.");
        command.Arguments.Add(paths);
        command.Options.Add(recursive);
        command.Options.Add(format);
        command.Options.Add(dihedral);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var request = new HashRequest(
                parse.GetRequiredValue(paths), parse.GetValue(recursive), parse.GetValue(format) == "json", parse.GetValue(dihedral));
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return await RunAsync(request, output, error, ct);
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

    private sealed record HashRequest(string[] Paths, bool Recursive, bool Json, bool Dihedral);

    private static async Task<int> RunAsync(HashRequest request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var missing = request.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        foreach (var path in missing)
        {
            await error.WriteLineAsync($"clearline hash: no such file or directory: {path}");
        }

        var showProgress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && request.Paths.Any(Directory.Exists);
        var hasher = new MediaHasher(new MediaHashOptions { Dihedral = request.Dihedral });
        if (!request.Json)
        {
            await output.WriteLineAsync(HashReport.TsvHeader(request.Dihedral));
        }

        var done = 0;
        var lastProgress = Stopwatch.StartNew();
        await foreach (var item in hasher.HashFilesAsync(Files(request), cancellationToken: ct))
        {
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

        await output.FlushAsync(ct);
        return missing.Length == 0 ? 0 : 2;
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
