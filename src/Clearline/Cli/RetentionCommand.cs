using System.CommandLine;
using Clearline.Retention;

namespace Clearline.Cli;

/// <summary><c>clearline retention run [--dry-run]</c>: applies the retention rules now, or shows what they would delete.</summary>
public static class RetentionCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Show what would be deleted (counts and ids by rule) without changing anything.",
        };
        var run = new Command("run", "Delete what the retention rules say is due (originals and previews by crypto-shredding, reporter data), except what a legal hold keeps.") { dryRun };
        run.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var dry = parse.GetValue(dryRun);
            var outcome = await services.GetRequiredService<RetentionRun>().RunAsync(dry, AuditActor.System, token);
            Print(outcome);
            return CliErrors.Success;
        }, ct));
        return new Command("retention", "Retention of content and reporter data.") { run };
    }

    /// <summary>Counts on standard error for people; one tab-separated line per id on standard output for scripts.</summary>
    private static void Print(RetentionOutcome outcome)
    {
        var verb = outcome.DryRun ? "would delete" : "deleted";
        Console.Error.WriteLine($"retention {(outcome.DryRun ? "dry run" : "run")}: {verb} {outcome.MediaAfterFinalAction.Count} items after their final action, "
            + $"{outcome.NotIllegalMedia.Count} not-illegal items ({outcome.PreviewBlobs} previews with them), reporter data of {outcome.ReporterData.Count} reports and {outcome.PublicReporterData.Count} public reports; "
            + $"held: {outcome.HeldMedia} items, {outcome.HeldReports} reports{(outcome.MoreRemain ? "; more remain for the next run" : "")}");
        foreach (var sha in outcome.MediaAfterFinalAction)
        {
            Console.Out.WriteLine($"after-final-action\t{sha}");
        }

        foreach (var sha in outcome.NotIllegalMedia)
        {
            Console.Out.WriteLine($"not-illegal\t{sha}");
        }

        foreach (var id in outcome.ReporterData)
        {
            Console.Out.WriteLine($"reporter-data\t{id:D}");
        }

        foreach (var id in outcome.PublicReporterData)
        {
            Console.Out.WriteLine($"public-reporter-data\t{id:D}");
        }
    }
}
