namespace Clearline.Organisations;

/// <summary>
/// The coordinator deactivated an organisation: its people may no longer sign in and its keys act for nobody.
/// Announced in the unit of work that deactivates it (identity reacts: every member's sessions end).
/// </summary>
public sealed record OrganisationDeactivated(Guid OrganisationId);
