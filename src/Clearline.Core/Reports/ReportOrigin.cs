namespace Clearline.Reports;

/// <summary>Who reported a URL to the network first, and when: all a duplicate's reporter learns about the first report.</summary>
/// <remarks>
/// Another hotline's report stays its own: its context, memo, reference and crawl are never shown, only the
/// reporting organisation's name and the date, so that analysts can coordinate without reading each other's cases.
/// </remarks>
public sealed record ReportOrigin(Guid ReportId, string ReportedBy, DateTimeOffset ReportedAt);
