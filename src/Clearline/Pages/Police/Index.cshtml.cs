using Clearline.LawEnforcement;
using Clearline.Referrals;

namespace Clearline.Pages.Police;

/// <summary>The police unit's referrals: the queue of new ones (oldest first), the accepted ones it works on, and the closed ones.</summary>
/// <remarks>
/// Only people whose role works referrals (police officers); the list holds the unit's own referrals alone
/// (<see cref="ReferralAccess"/>), so another unit's, INTERPOL's or a hotline's person sees nothing here.
/// </remarks>
[RequirePermission(Permission.WorkReferrals)]
public sealed class IndexModel(Caller caller, ReferralQueries queries) : PageModel
{
    public ReferralState State { get; private set; } = ReferralState.New;

    public ReferralCounts Counts { get; private set; } = new(0, 0, 0);

    public ReferralPage Referrals { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(string? state, Guid? cursor, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<ReferralState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return NotFound();
            }

            State = parsed;
        }

        var party = ReferralParty.For(Officer.For(caller));
        Counts = await queries.CountsAsync(party, ct);
        Referrals = await queries.ListAsync(party, State, cursor, 50, ct);
        return Page();
    }

    public int CountOf(ReferralState state) => state switch
    {
        ReferralState.New => Counts.New,
        ReferralState.Accepted => Counts.Accepted,
        ReferralState.Closed => Counts.Closed,
        _ => 0,
    };
}
