using System.Linq.Expressions;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.Referrals;

/// <summary>Who asks about referrals: an organisation (a police unit or a hotline) and who in it acts.</summary>
public sealed record ReferralParty(Guid OrganisationId, OrganisationKind Kind, AuditActor Actor)
{
    public static ReferralParty For(Officer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return new ReferralParty(officer.OrganisationId, officer.IsPolice ? OrganisationKind.LawEnforcement : officer.Kind, officer.Actor);
    }

    public static ReferralParty For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ReferralParty(caller.OrganisationId, caller.Kind, caller.Actor);
    }
}

/// <summary>
/// The one rule for which referrals an organisation sees: the police unit that received it and the hotline that made
/// it. Every query of referrals goes through <see cref="VisibleTo"/>; any other referral answers 404.
/// </summary>
/// <remarks>
/// Excluded: police units of other countries (the referral is another jurisdiction's case), other hotlines (even the
/// one that first reported the content: the referral is the acting hotline's exchange with its police), the
/// coordinator, INTERPOL (it works escalations, not national referrals) and industry. The police-only steps (accept,
/// feedback) need the receiving unit itself.
/// </remarks>
public static class ReferralAccess
{
    public static Expression<Func<Referral, bool>> VisibleTo(ReferralParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var organisationId = party.OrganisationId;
        return party.Kind switch
        {
            OrganisationKind.LawEnforcement => r => r.PoliceOrganisationId == organisationId,
            OrganisationKind.Hotline => r => r.HotlineOrganisationId == organisationId,
            _ => r => false,
        };
    }
}
