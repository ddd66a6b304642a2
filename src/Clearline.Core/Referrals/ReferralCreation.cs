using Clearline.Crawling;
using Clearline.Events;
using Clearline.Organisations;
using Clearline.Takedown;

namespace Clearline.Referrals;

/// <summary>
/// Turns a hotline's <see cref="TakedownActionKind.ReportedToLea"/> action into a <see cref="Referral"/> to the police
/// unit of the hotline's country, in the action's unit of work.
/// </summary>
/// <remarks>
/// <para>The receiving unit is the active <see cref="OrganisationKind.LawEnforcement"/> organisation of the acting
/// hotline's country; where a country has several, the one that joined Clearline first receives it (a country's
/// central referral point is normally the first unit on board; the coordinator deactivates a unit that stops taking
/// referrals, and the next one receives them).</para>
/// <para>No referral is made when the country has no police unit in Clearline, or when the actor is not a hotline
/// with a country (the coordinator correcting records): the action is recorded all the same, and the hotline's view
/// of the route (<see cref="ReferralQueries.ForRouteAsync"/>) says that no police unit received it.</para>
/// </remarks>
public sealed class ReferralCreation(ClearlineDbContext db, AuditTrail audit, EventAnnouncer events, TimeProvider time)
    : IEventObserver<TakedownActionRecorded>
{
    public async Task OnAsync(TakedownActionRecorded happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var action = happened.Action;
        if (action.Kind != TakedownActionKind.ReportedToLea)
        {
            return;
        }

        var hotline = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == action.OrganisationId, ct);
        if (hotline is not { Kind: OrganisationKind.Hotline, CountryCode: { } country })
        {
            return;
        }

        if (await ReceivingUnitAsync(db, country, ct) is not { } police)
        {
            return;
        }

        var sha256 = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == happened.Route.CrawledUrlId).Select(u => u.MediaSha256).FirstOrDefaultAsync(ct);
        var referral = new Referral
        {
            RouteId = happened.Route.Id,
            TakedownActionId = action.Id,
            HotlineOrganisationId = hotline.Id,
            PoliceOrganisationId = police,
            MediaSha256 = sha256,
            Reason = action.Reason,
            Note = action.Note,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(referral);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(
            AuditAction.ReferralCreated, happened.Actor, hotline.Id, $"referral:{referral.Id:D}", Detail: $"police={police:D};reason={action.Reason}"), ct);
        await events.AnnounceAsync(new ReferralCreated(referral), ct);
    }

    /// <summary>The police unit that receives a referral from a hotline of <paramref name="country"/>, if Clearline has one.</summary>
    public static Task<Guid?> ReceivingUnitAsync(ClearlineDbContext db, string country, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.LawEnforcement && o.CountryCode == country && o.DeactivatedAt == null)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
    }
}
