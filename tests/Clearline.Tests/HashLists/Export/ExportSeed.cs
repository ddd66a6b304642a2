using Clearline.Classification;
using Clearline.MediaItems;
using Clearline.Tests.HashLists.Management;

namespace Clearline.Tests.HashLists.Export;

/// <summary>
/// A set of classifications that exercises every rule of the export: each verdict, two jurisdictions, a
/// computer-generated item, a superseded decision, an item with two current decisions and one without a PDQ hash.
/// </summary>
public sealed record ExportSeed(
    MediaItem Baseline, MediaItem NationalNl, MediaItem NationalDe, MediaItem NotIllegal, MediaItem Virtual,
    MediaItem Superseded, MediaItem BaselineAndNational, MediaItem NoPdq)
{
    public static readonly DateTimeOffset Day = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    public static async Task<ExportSeed> CreateAsync(IServiceProvider services)
    {
        async Task<MediaItem> Item(string label, Verdict verdict, int day, string? jurisdiction = null, ContentFlags flags = ContentFlags.None,
            bool superseded = false, bool withPdq = true)
        {
            var item = await HashListSeed.AddMediaAsync(services, $"{label} {Guid.NewGuid():N}", withPdq);
            await HashListSeed.ClassifyAsync(services, item, verdict, Day.AddDays(day), jurisdiction, flags, superseded);
            return item;
        }

        var both = await Item("both", Verdict.National, 50, "NL");
        await HashListSeed.ClassifyAsync(services, both, Verdict.Baseline, Day.AddDays(50));
        return new ExportSeed(
            await Item("baseline", Verdict.Baseline, 0),
            await Item("national nl", Verdict.National, 5, "NL"),
            await Item("national de", Verdict.National, 10, "DE"),
            await Item("not illegal", Verdict.NotIllegal, 22),
            await Item("virtual", Verdict.Baseline, 26, flags: ContentFlags.Virtual),
            await Item("superseded", Verdict.Baseline, 1, superseded: true),
            both,
            await Item("no pdq", Verdict.Baseline, 30, withPdq: false));
    }
}
