namespace Clearline.InvestigationHolds;

/// <summary>A police unit placed an investigation hold on an item: it has an interest in the item (deconfliction).</summary>
public sealed record InvestigationHoldPlaced(Guid HoldId, string MediaSha256, Guid PoliceOrganisationId, AuditActor Actor);
