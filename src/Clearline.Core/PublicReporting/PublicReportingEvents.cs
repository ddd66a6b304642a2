namespace Clearline.PublicReporting;

/// <summary>An analyst accepted or closed one URL of a public report in triage.</summary>
public sealed record PublicReportUrlDecided(Guid OrganisationId, Guid PublicReportId, Guid PublicReportUrlId);
