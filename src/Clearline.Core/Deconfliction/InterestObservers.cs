using Clearline.Escalation;
using Clearline.Events;
using Clearline.InvestigationHolds;
using Clearline.Referrals;

namespace Clearline.Deconfliction;

/// <summary>
/// Registers an interest when a police unit accepts a referral or places an investigation hold, and when INTERPOL takes
/// an escalation; in the announcer's unit of work, so the interest exists exactly when its cause does.
/// </summary>
public sealed class InterestObservers(Interests interests)
    : IEventObserver<ReferralAccepted>, IEventObserver<InvestigationHoldPlaced>, IEventObserver<EscalationTaken>
{
    public async Task OnAsync(ReferralAccepted happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var referral = happened.Referral;
        // A referral of a URL whose bytes were never stored has no item to meet others on.
        if (referral.MediaSha256 is { } item)
        {
            await interests.RegisterAsync(referral.PoliceOrganisationId, item, InterestSource.ReferralAccepted, referral.Id, null, happened.Actor, ct);
        }
    }

    public async Task OnAsync(InvestigationHoldPlaced happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        await interests.RegisterAsync(happened.PoliceOrganisationId, happened.MediaSha256, InterestSource.InvestigationHold, happened.HoldId, null, happened.Actor, ct);
    }

    public async Task OnAsync(EscalationTaken happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        await interests.RegisterAsync(happened.OrganisationId, happened.MediaSha256, InterestSource.EscalationTaken, happened.EscalationId, null, happened.Actor, ct);
    }
}
