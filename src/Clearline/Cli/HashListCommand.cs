using System.CommandLine;
using System.Diagnostics;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Organisations;

namespace Clearline.Cli;

/// <summary>
/// <c>clearline hashlist …</c>: create a hash list and import files into it, as the system. An import runs here to
/// completion (no worker needed), as the list's owner organisation; line errors do not fail it (exit 0), a missing
/// file or list or a bad format name is a user error (exit 2).
/// </summary>
public static class HashListCommand
{
    private const int ErrorsShown = 5;
    private static readonly TimeSpan _progressInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var hashList = new Command("hashlist", "Create known-material hash lists, import VICS, CSV, TSV, PDQ or HMA signal (vPDQ) files into them, export the network's classifications.");
        hashList.Subcommands.Add(CreateList());
        hashList.Subcommands.Add(Import());
        hashList.Subcommands.Add(ExportCommand.Create());
        return hashList;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "The file to import." };
        var list = new Option<string>("--list") { Description = "The list's name or id.", Required = true };
        var format = new Option<string?>("--format") { Description = $"{string.Join(", ", HashListFormatNames.All)}; detected from the file when left out." };
        var acceptPartial = new Option<bool>("--accept-partial")
        {
            Description = "Keep what could be read of a truncated or corrupt file (the import ends as partial) instead of failing it.",
        };
        var command = new Command("import", "Import a hash-list file into a list, in this process; prints the counts and the first line errors.")
        {
            file, list, format, acceptPartial,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var path = parse.GetRequiredValue(file);
            HashListFormat? namedFormat = null;
            if (parse.GetValue(format) is { } formatName)
            {
                if (!HashListFormatNames.TryParse(formatName, out var parsed))
                {
                    return UserError($"unknown format '{formatName}': use {string.Join(", ", HashListFormatNames.All)}");
                }

                namedFormat = parsed;
            }

            if (!File.Exists(path))
            {
                return UserError($"no such file: {path}");
            }

            var name = parse.GetRequiredValue(list);
            var named = await services.GetRequiredService<HashListDirectory>().NamedAsync(name, token);
            if (named.Count != 1)
            {
                return UserError(named.Count == 0
                    ? $"no hash list named '{name}'"
                    : $"{named.Count} organisations have a hash list named '{name}'; give the list's id instead");
            }

            var target = named[0];

            if (target.OwnerOrganisationId is not { } owner)
            {
                return UserError($"the list '{target.Name}' is kept by Clearline from classifications; files cannot be imported into it");
            }

            HashListImport import;
            await using (var stream = File.OpenRead(path))
            {
                var started = await services.GetRequiredService<HashListImports>().StartAsync(
                    target.Id, stream, Path.GetFileName(path), namedFormat, AuditActor.System, owner, userId: null, parse.GetValue(acceptPartial), token);
                if (!started.IsSuccess)
                {
                    return CliErrors.Report(started.Error);
                }

                import = started.Value!;
            }

            var finished = await services.GetRequiredService<HashListImporter>().RunAsync(import.Id, new ProgressLine(), token) ?? import;
            await PrintAsync(services, finished, token);
            return finished.State is ImportState.Completed or ImportState.Partial ? CliErrors.Success : CliErrors.Failure;
        }, ct));
        return command;
    }

    private static async Task PrintAsync(IServiceProvider services, HashListImport import, CancellationToken ct)
    {
        Console.Error.WriteLine();
        if (import.State == ImportState.Failed)
        {
            Console.Error.WriteLine($"error: the import failed: {import.Error}");
        }
        else if (import.State == ImportState.Partial)
        {
            Console.Error.WriteLine($"warning: partial import, as asked: {import.Error}");
        }

        Console.Out.WriteLine($"import {import.Id}: {import.EntriesAdded} added, {import.EntriesUnchanged} unchanged, {import.ErrorCount} errors");
        foreach (var error in await services.GetRequiredService<HashListImports>().ErrorsAsync(import.Id, afterId: null, ErrorsShown, ct))
        {
            Console.Out.WriteLine($"line {error.Line}: {error.Message}");
        }

        if (import.ErrorCount > ErrorsShown)
        {
            Console.Out.WriteLine($"… and {import.ErrorCount - ErrorsShown} more line errors");
        }
    }

    private static Command CreateList()
    {
        var name = new Argument<string>("name") { Description = "The list's name (unique)." };
        var kind = new Option<HashListKind>("--kind") { Description = "PoliceDatabase, HotlineNetwork or Industry.", Required = true };
        var trust = new Option<HashListTrust>("--trust") { Description = "AutoClassify or SuggestOnly.", Required = true };
        var visibility = new Option<HashListVisibility>("--visibility") { Description = "Network, OwnOrganisation or LawEnforcementOnly.", Required = true };
        var scheme = new Option<CategoryScheme>("--scheme") { Description = "VicsUs, VicsLegacy, Clearline or Custom: how the list's categories are read.", Required = true };
        var owner = new Option<string>("--owner")
        {
            Description = "The organisation that manages the list (a list nobody owns could never be managed or imported into).",
            Required = true,
        };
        var source = new Option<string?>("--source") { Description = "Who produced the hashes, e.g. \"Project VIC\"." };
        var command = new Command("create", "Create a hash list.") { name, kind, trust, visibility, scheme, owner, source };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var organisation = await services.GetRequiredService<OrganisationDirectory>().FindByNameAsync(parse.GetRequiredValue(owner), token);
            if (organisation is null)
            {
                return UserError($"no organisation named '{parse.GetRequiredValue(owner)}'");
            }

            // The same use case as the API and the pages: same rules, same audit entry, with the system as the actor.
            var request = new NewHashList(
                parse.GetRequiredValue(name), parse.GetValue(source), parse.GetValue(kind), parse.GetValue(trust), parse.GetValue(visibility), parse.GetValue(scheme));
            var caller = new HashListCaller(new HashListViewer(organisation.Id, organisation.Kind), AuditActor.System);
            var created = await services.GetRequiredService<HashListDirectory>().CreateAsync(request, caller, token);
            if (!created.IsSuccess)
            {
                return CliErrors.Report(created.Error);
            }

            Console.Error.WriteLine($"created hash list '{created.Value.Name}' owned by '{organisation.Name}'; its id follows on stdout");
            Console.Out.WriteLine(created.Value.Id);
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static int UserError(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return CliErrors.UserError;
    }

    /// <summary>Overwrites one stderr line with the counts, at most twice a second.</summary>
    private sealed class ProgressLine : IProgress<HashListImportProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(HashListImportProgress value)
        {
            if (_sinceLast.Elapsed < _progressInterval)
            {
                return;
            }

            Console.Error.Write($"\r{value.LinesRead} lines: {value.EntriesAdded} added, {value.EntriesUnchanged} unchanged, {value.ErrorCount} errors");
            _sinceLast.Restart();
        }
    }
}
