using Clearline.Classification;
using Clearline.Reports;

namespace Clearline.Routing;

/// <summary>Which list of routes to show.</summary>
public enum RouteQueue
{
    /// <summary>Routed to the caller's hotline: its "routed to us" work.</summary>
    Assigned = 1,

    /// <summary>Hosted where the network has no hotline: the coordinator's queue, open to mandated hotlines.</summary>
    Orphaned = 2,

    /// <summary>Found through the caller's own reports, wherever they were routed.</summary>
    Reported = 3,

    /// <summary>Routes the caller sees that were withdrawn because the decision they rested on no longer holds.</summary>
    Withdrawn = 4,
}

/// <summary>One line of a queue.</summary>
public sealed record RouteSummary(
    Guid Id, RouteState State, string Url, string? CountryCode, string? ServerAddress, Guid? AssignedOrganisationId,
    Guid ReportingOrganisationId, Guid ReportId, DateTimeOffset RoutedAt, DateTimeOffset? ClaimedAt,
    RouteSubject Subject = RouteSubject.Media, Verdict Verdict = Verdict.Baseline, string? Jurisdiction = null, bool BehindCdn = false);

/// <summary>One page of a queue, oldest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record RoutePage(IReadOnlyList<RouteSummary> Items, Guid? NextCursor);

/// <summary>The report the content was found through, as its reporting hotline recorded it.</summary>
public sealed record RouteReportContext(
    Guid ReportId, Guid ReportedByOrganisationId, string ReportedByName, DateTimeOffset ReportedAt, DateTimeOffset ReceivedAt,
    SiteType SiteType, Commerciality Commerciality, IReadOnlyList<PaymentMethods> PaymentMethods, string? Referrer, string? HotlineReference, string? Memo);

/// <summary>Where the crawler found the content hosted when it fetched it.</summary>
public sealed record RouteHosting(string? IpAddress, string? CountryCode, long? Asn, string? NetworkOrganisation, bool? IsCdn, string? ReverseDns);

public sealed record RouteEventView(
    RouteEventKind Kind, DateTimeOffset At, Guid? ActorOrganisationId, Guid? FromOrganisationId, Guid? ToOrganisationId,
    string? FromCountryCode, string? ToCountryCode, string? ServerAddress, string? Reason = null);

/// <summary>Everything the receiving hotline needs to act on a content URL without asking the reporting hotline.</summary>
public sealed record RouteDetail(
    Guid Id, RouteState State, string Url, string? CountryCode, string? ServerAddress, Guid? AssignedOrganisationId,
    string? AssignedOrganisationName, DateTimeOffset RoutedAt, DateTimeOffset? ClaimedAt, RouteReportContext Report, RouteHosting Hosting,
    IReadOnlyList<RouteEventView> History, RouteSubject Subject = RouteSubject.Media, Verdict Verdict = Verdict.Baseline, string? Jurisdiction = null,
    bool BehindCdn = false, string? WithdrawnReason = null);

/// <summary>One content URL of a report and where it was routed; <see cref="AssignedTo"/> is null while orphaned.</summary>
public sealed record RoutedContent(Guid RouteId, string Url, string? CountryCode, string? AssignedTo);
