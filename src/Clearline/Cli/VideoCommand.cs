using System.CommandLine;
using System.Globalization;
using Clearline.Videos;

namespace Clearline.Cli;

/// <summary><c>clearline video backfill [--dry-run]</c>: queues the vPDQ of videos stored before video hashing existed.</summary>
public static class VideoCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count the videos that have no vPDQ yet." };
        var backfill = new Command("backfill", "Queue the vPDQ hashing (and then matching) of every stored video that has none yet; run once after upgrading.") { dryRun };
        backfill.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var dry = parse.GetValue(dryRun);
            var count = await services.GetRequiredService<VideoBackfill>().QueueAsync(dry, token);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} videos {(dry ? "have no vPDQ yet" : "queued for vPDQ hashing")}"));
            return CliErrors.Success;
        }, ct));
        return new Command("video", "Video hashing (vPDQ).") { backfill };
    }
}
