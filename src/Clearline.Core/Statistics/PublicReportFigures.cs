using Clearline.PublicReporting;

namespace Clearline.Statistics;

/// <summary>
/// The public reports of a scope and period (issue 16): how many came in, how many of their URLs analysts accepted and
/// how soon, and why the others were closed. Counts the public reports <em>received</em> in the period
/// (<see cref="PublicReport.CreatedAt"/>) and the triage of their URLs, whenever it was decided.
/// </summary>
/// <param name="Received">Public reports received in the period (from the form and through the API).</param>
/// <param name="Urls">The URLs of those reports (each became a report pending triage).</param>
/// <param name="UrlsAccepted">Of those, the URLs an analyst accepted: inserted as reports.</param>
/// <param name="UrlsClosed">Of those, the URLs an analyst closed with a reason.</param>
/// <param name="UrlsPending">Of those, the URLs still waiting in triage.</param>
/// <param name="MedianTimeToInsertion">Nearest-rank median of the accepted URLs' time from the public report to its acceptance.</param>
/// <param name="P90TimeToInsertion">Nearest-rank 90th percentile of the same.</param>
/// <param name="CloseReasons">The closed URLs per reason (<see cref="TriageCloseReason"/>), every reason in order, zero included.</param>
public sealed record PublicReportFigures(
    int Received,
    int Urls,
    int UrlsAccepted,
    int UrlsClosed,
    int UrlsPending,
    TimeSpan? MedianTimeToInsertion,
    TimeSpan? P90TimeToInsertion,
    IReadOnlyList<StatisticsBucket> CloseReasons)
{
    /// <summary>No public report: every reason at zero.</summary>
    public static PublicReportFigures None { get; } = new(0, 0, 0, 0, 0, null, null, [.. Enum.GetValues<TriageCloseReason>().Select(r => new StatisticsBucket(r.ToString(), 0))]);

    /// <summary>The URLs decided so far (accepted or closed); pending ones are not yet either.</summary>
    public int UrlsDecided => UrlsAccepted + UrlsClosed;

    /// <summary>Accepted URLs among the decided ones; null while none is decided.</summary>
    public double? AcceptedShare => UrlsDecided == 0 ? null : (double)UrlsAccepted / UrlsDecided;
}
