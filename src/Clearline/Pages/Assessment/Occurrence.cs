namespace Clearline.Pages.Assessment;

/// <summary>Where an item was found, as the item's page shows it.</summary>
/// <remarks>
/// <c>ReportId</c>: the report, when it is the viewer's own hotline's (then it is linked); null for content routed
/// from another hotline. <c>CountryCode</c>: the hosting country of the URL the bytes came from.
/// </remarks>
public sealed record Occurrence(Guid? ReportId, string Url, string? CountryCode, string? FoundIn, DateTimeOffset FoundAt);
