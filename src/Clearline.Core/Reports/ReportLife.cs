namespace Clearline.Reports;

/// <summary>Where a report is in its life, from what its crawl found and what became of its routes.</summary>
public enum ReportStage
{
    /// <summary>The crawl is not done, or an item it found has no decision in force for the reporting hotline.</summary>
    Assessment = 1,

    /// <summary>Every item is decided, and a route of the report has no notice to the host yet.</summary>
    Takedown = 2,

    /// <summary>Notices are given; re-checks run until the host's removal is confirmed.</summary>
    Monitoring = 3,

    /// <summary>Every item is decided and every route's takedown is closed (or the route withdrawn).</summary>
    Completed = 4,
}

/// <summary>Whether anything is still to be done on a report: closed exactly when its stage is <see cref="ReportStage.Completed"/>.</summary>
public enum ReportStatus
{
    Open = 1,
    Closed = 2,
}

/// <summary>The report lists a hotline works from besides its filters.</summary>
public enum ReportQueue
{
    /// <summary>Reports the hotline has not given its own reference yet.</summary>
    NoReference = 1,
}

/// <summary>What a report list shows: a stage, a status and a queue, each optional.</summary>
public sealed record ReportFilter(ReportStage? Stage = null, ReportStatus? Status = null, ReportQueue? Queue = null)
{
    public static readonly ReportFilter None = new();
}

public static class ReportStages
{
    public static ReportStatus Status(this ReportStage stage) => stage == ReportStage.Completed ? ReportStatus.Closed : ReportStatus.Open;
}
