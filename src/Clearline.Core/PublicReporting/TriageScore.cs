using System.Globalization;

namespace Clearline.PublicReporting;

/// <summary>What the automatic checks found behind a public report's URL, in the order triage ranks it.</summary>
public enum TriageStanding
{
    /// <summary>The crawl found nothing, or only items decided not illegal.</summary>
    NothingFound = 0,

    /// <summary>The site could not be reached: the crawl failed, or every fetch failed.</summary>
    Offline = 1,

    /// <summary>Still being checked and nothing found so far.</summary>
    NotKnownYet = 2,

    /// <summary>A few media (fewer than <see cref="TriageScores.ManyMedia"/>) that no list or decision knows.</summary>
    FewUnknownMedia = 3,

    /// <summary>At least <see cref="TriageScores.ManyMedia"/> media that no list or decision knows.</summary>
    ManyUnknownMedia = 4,

    /// <summary>An item known as National material (a decision under the hotline's law, or a list entry that maps to National).</summary>
    KnownNational = 5,

    /// <summary>An item known as Baseline material (a decision in force, or a list entry that maps to Baseline).</summary>
    KnownBaseline = 6,
}

/// <summary>What was found at a URL's crawl, counted per distinct item.</summary>
/// <param name="Checking">The crawl has not finished (or not started).</param>
/// <param name="Failed">The crawl failed as a whole (or its job ran out of attempts).</param>
/// <param name="Urls">URLs in the crawl's frontier so far.</param>
/// <param name="Fetched">URLs fetched.</param>
/// <param name="FetchFailed">URLs whose fetch failed.</param>
/// <param name="Media">Distinct media items found.</param>
/// <param name="KnownBaseline">Items known as Baseline material.</param>
/// <param name="KnownNational">Items known as National material (and not Baseline).</param>
/// <param name="NotIllegal">Items decided not illegal.</param>
/// <param name="Suggested">Items a list suggests are probably known (still counted as unknown).</param>
/// <param name="Unknown">Items neither known nor decided not illegal.</param>
public sealed record TriageFindings(
    bool Checking, bool Failed, int Urls, int Fetched, int FetchFailed, int Media, int KnownBaseline, int KnownNational, int NotIllegal, int Suggested, int Unknown)
{
    /// <summary>Whether the site could not be reached: the crawl failed, or it finished with every fetch failed.</summary>
    public bool Offline => Failed || (!Checking && Urls > 0 && FetchFailed == Urls);
}

/// <summary>A URL's place in triage: the points it ranks by, the standing they come from, and the reasons in words.</summary>
/// <param name="Points">Higher first: the standing's base plus the number of items that put it there (at most 99).</param>
/// <param name="Standing">The best thing found.</param>
/// <param name="Checking">Still being checked: ranked by what is known so far.</param>
/// <param name="Reasons">Why, one short sentence each.</param>
public sealed record TriageScore(int Points, TriageStanding Standing, bool Checking, IReadOnlyList<string> Reasons);

/// <summary>
/// The transparent score of the triage queue: known Baseline material &gt; known National &gt; many unknown media &gt;
/// few &gt; not known yet &gt; nothing found or offline; the older report first among equal points.
/// </summary>
public static class TriageScores
{
    /// <summary>How many unknown media make "many".</summary>
    public const int ManyMedia = 10;

    /// <summary>The base points of each standing; the number of items behind it (at most 99) is added.</summary>
    public static int BaseOf(TriageStanding standing) => standing switch
    {
        TriageStanding.KnownBaseline => 600,
        TriageStanding.KnownNational => 500,
        TriageStanding.ManyUnknownMedia => 400,
        TriageStanding.FewUnknownMedia => 300,
        TriageStanding.NotKnownYet => 200,
        _ => 0,
    };

    public static TriageScore Score(TriageFindings found)
    {
        ArgumentNullException.ThrowIfNull(found);
        var reasons = new List<string>();
        if (found.Checking)
        {
            reasons.Add(found.Urls == 0
                ? "Still being checked: the crawl has not started."
                : Say($"Still being checked: {found.Fetched + found.FetchFailed} of {found.Urls} URLs fetched so far."));
        }

        if (found.KnownBaseline > 0)
        {
            reasons.Add(Say($"{Items(found.KnownBaseline)} known as Baseline material."));
        }

        if (found.KnownNational > 0)
        {
            reasons.Add(Say($"{Items(found.KnownNational)} known as National material."));
        }

        if (found.Unknown > 0)
        {
            reasons.Add(Say($"{Count(found.Unknown, "medium", "media")} not known to any list or decision ({(found.Unknown >= ManyMedia ? "many" : "few")}: {ManyMedia} or more is many)."));
        }

        if (found.Suggested > 0)
        {
            reasons.Add(Say($"{Items(found.Suggested)} probably known: a list suggests so, no decision yet."));
        }

        if (found.NotIllegal > 0)
        {
            reasons.Add(Say($"{Items(found.NotIllegal)} decided not illegal."));
        }

        var (standing, count) = found switch
        {
            { KnownBaseline: > 0 } => (TriageStanding.KnownBaseline, found.KnownBaseline),
            { KnownNational: > 0 } => (TriageStanding.KnownNational, found.KnownNational),
            { Unknown: >= ManyMedia } => (TriageStanding.ManyUnknownMedia, found.Unknown),
            { Unknown: > 0 } => (TriageStanding.FewUnknownMedia, found.Unknown),
            { Offline: true } => (TriageStanding.Offline, 0),
            { Checking: true } => (TriageStanding.NotKnownYet, 0),
            _ => (TriageStanding.NothingFound, 0),
        };
        if (standing == TriageStanding.Offline)
        {
            reasons.Add(found.Failed ? "Offline: the crawl failed." : Say($"Offline: every fetch failed ({found.FetchFailed} of {found.Urls})."));
        }
        else if (standing == TriageStanding.NothingFound)
        {
            reasons.Add(found.Media == 0 ? "Nothing found: the crawl found no media." : "Nothing found that is not already decided not illegal.");
        }

        return new TriageScore(BaseOf(standing) + Math.Min(count, 99), standing, found.Checking, reasons);
    }

    private static string Items(int count) => Count(count, "item", "items");

    private static string Count(int count, string one, string many) => Say($"{count} {(count == 1 ? one : many)}");

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
