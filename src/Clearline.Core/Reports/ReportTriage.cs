using System.Linq.Expressions;

namespace Clearline.Reports;

/// <summary>Where a report made from a public report stands in the hotline's triage; a hotline's own report is <see cref="None"/>.</summary>
/// <remarks>
/// A public report's URLs become reports at once, so that the network's de-duplication, the crawler and the matching
/// check them before an analyst looks. Until an analyst accepts one it is not inserted: no report list, statistic or
/// assessment queue counts it. A closed one never is.
/// </remarks>
public enum ReportTriage
{
    /// <summary>A hotline's own report (its analysts, its API, its CSV batches): inserted when submitted.</summary>
    None = 0,

    /// <summary>A public report's URL, checked automatically, waiting in the triage queue.</summary>
    Pending = 1,

    /// <summary>Accepted by an analyst: inserted, with its crawl reused.</summary>
    Accepted = 2,

    /// <summary>Closed by an analyst with a reason; never inserted.</summary>
    Closed = 3,
}

public static class ReportTriages
{
    /// <summary>Whether a report is inserted: a hotline's own, or a public report's URL an analyst accepted.</summary>
    public static Expression<Func<Report, bool>> Inserted { get; } = r => r.Triage == ReportTriage.None || r.Triage == ReportTriage.Accepted;

    /// <summary>Whether a report is a public report's URL that is not (or never will be) inserted.</summary>
    public static Expression<Func<Report, bool>> NotInserted { get; } = r => r.Triage == ReportTriage.Pending || r.Triage == ReportTriage.Closed;
}
