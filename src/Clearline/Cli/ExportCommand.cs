using System.CommandLine;
using Clearline.HashLists.Export;
using Clearline.Organisations;

namespace Clearline.Cli;

/// <summary>
/// <c>export --format vics|csv|pdq|signals [--verdict V]... [--from DATE] [--to DATE] [--org NAME] --out FILE</c>: the network's
/// current classifications as a file for partners. The file appears complete or not at all (written beside the
/// target, then renamed); the number of entries goes to stdout. Exit 2 on a bad value, an unknown organisation or
/// an output folder that does not exist.
/// </summary>
/// <remarks>
/// Without <c>--org</c> the operator exports for the network as a whole, with every jurisdiction's National
/// decisions; with it, exactly what that organisation would get from the API.
/// </remarks>
public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "vics (VICS 2.0 JSON), csv, pdq (a PDQ list), or signals (an HMA signal list: vPDQ and PDQ).", Required = true };
        format.AcceptOnlyFromAmong([.. ClassificationExportRequest.FormatNames.Keys]);
        var verdict = new Option<string[]>("--verdict")
        {
            Description = "Baseline, National or NotIllegal; repeat for several (default: all).",
            AllowMultipleArgumentsPerToken = true,
        };
        var from = new Option<string?>("--from") { Description = "Classified on or after this date (ISO 8601, UTC)." };
        var to = new Option<string?>("--to") { Description = "Classified on or before this date (a bare date includes the whole day)." };
        var organisation = new Option<string?>("--org") { Description = "Export as this organisation: Baseline plus its own country's National decisions." };
        var output = new Option<string>("--out") { Description = "The file to write; replaced only once the export is complete.", Required = true };

        var command = new Command("export", "Export the network's classifications with their hashes for partners (no URLs, no reporter data).")
        {
            format, verdict, from, to, organisation, output,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var request = ClassificationExportRequest.Parse(parse.GetValue(format), parse.GetValue(verdict), parse.GetValue(from), parse.GetValue(to));
            if (!request.IsSuccess)
            {
                return CliErrors.Report(request.Error);
            }

            Organisation? exporter = null;
            if (parse.GetValue(organisation) is { } name)
            {
                exporter = await services.GetRequiredService<OrganisationDirectory>().FindByNameAsync(name, token);
                if (exporter is null)
                {
                    return CliErrors.Report(new InvalidError("org", $"No organisation is named '{name}'."));
                }
            }

            var target = Path.GetFullPath(parse.GetRequiredValue(output));
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                return CliErrors.Report(new InvalidError("out", $"The folder of '{target}' does not exist."));
            }

            var result = await WriteAtomicallyAsync(target, stream =>
                services.GetRequiredService<ClassificationExport>().WriteAsync(stream, request.Value, exporter, AuditActor.System, token));
            await parse.InvocationConfiguration.Output.WriteLineAsync(result.Written.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Console.Error.WriteLine($"exported {result.Written} entries to {target} ({result.Skipped} skipped: the format cannot hold them)");
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static async Task<T> WriteAtomicallyAsync<T>(string target, Func<Stream, Task<T>> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            T result;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                result = await write(stream);
                await stream.FlushAsync();
            }

            File.Move(temporary, target, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
