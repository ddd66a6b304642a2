using Clearline.Database;
using Clearline.Referrals;
using Clearline.Takedown;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.PoliceContent;

/// <summary>
/// Referrals inserted directly (with the ReportedToLea action they hang off), for tests of what reads them: the referral
/// use case arrives with another feature.
/// </summary>
internal static class PortalReferrals
{
    public static Task<Guid> InsertAsync(
        PortalWorld world, PortalItem item, PortalMember police, ActionReason reason, DateTimeOffset createdAt, DateTimeOffset? outcomeAt = null) =>
        world.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var hotline = item.HostingCountry == "DE" ? world.HotlineDe : world.HotlineNl;
            var action = new TakedownAction { RouteId = item.RouteId, Kind = TakedownActionKind.ReportedToLea, Reason = reason, At = createdAt, OrganisationId = hotline.Id };
            var referral = new Referral
            {
                RouteId = item.RouteId, TakedownActionId = action.Id, HotlineOrganisationId = hotline.Id, PoliceOrganisationId = police.Id, MediaSha256 = item.Sha256,
                Reason = reason, CreatedAt = createdAt, OutcomeAt = outcomeAt, Outcome = outcomeAt is null ? null : ReferralOutcome.InvestigationOpened,
                State = outcomeAt is null ? ReferralState.New : ReferralState.Closed,
            };
            db.AddRange(action, referral);
            await db.SaveChangesAsync(PortalWorld.Ct);
            return referral.Id;
        });
}
