namespace Clearline.Referrals;

/// <summary>A hotline referred content to a police unit (announced in the referral's unit of work).</summary>
public sealed record ReferralCreated(Referral Referral);

/// <summary>A police unit accepted a referral: it now has an interest in the item and its site (deconfliction).</summary>
public sealed record ReferralAccepted(Referral Referral, AuditActor Actor);
