namespace Clearline.Reports;

/// <summary>What a hotline submits about a reported URL (through the API, the intake page or a CSV batch row).</summary>
/// <remarks><see cref="Triage"/> is <see cref="ReportTriage.Pending"/> only for a public report's URL (<c>PublicReporting</c>).</remarks>
public sealed record ReportSubmission(
    string? Url,
    DateTimeOffset? ReceivedAt = null,
    string? HotlineReference = null,
    SiteType SiteType = SiteType.NotDetermined,
    Commerciality Commerciality = Commerciality.NotDetermined,
    PaymentMethods PaymentMethods = PaymentMethods.None,
    string? Referrer = null,
    string? Memo = null,
    GatedContentCredentials? Credentials = null,
    ReportTriage Triage = ReportTriage.None);
