namespace Clearline.Escalation;

/// <summary>An item entered the victim identification queue (new material, or a referral for a possible new victim).</summary>
/// <remarks><c>Reason</c>: why, in words for the notification ("new material", "referral: possible new victim").</remarks>
public sealed record EscalationOpened(Guid EscalationId, string MediaSha256, string Reason);

/// <summary>An INTERPOL officer took an escalation: INTERPOL's victim identification has an interest in the item (deconfliction).</summary>
public sealed record EscalationTaken(Guid EscalationId, string MediaSha256, Guid OrganisationId, AuditActor Actor);
