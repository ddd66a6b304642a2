using Clearline.Events;
using Clearline.Jobs;
using Clearline.LawEnforcement;
using Clearline.Referrals;
using Clearline.Storage;

namespace Clearline.InvestigationHolds;

/// <summary>Places, lists, re-dates and lifts a police unit's investigation holds; every change is audited.</summary>
/// <remarks>
/// <para>Who may is the caller's policy (the PlaceInvestigationHold permission, the investigation-holds:write scope).
/// A unit holds only items it sees (<see cref="PortalAccess.ItemsFor"/>); any other item, another unit's hold, and
/// anyone who is not a police unit (INTERPOL included: it does not notify hosts' hotlines of national investigations)
/// answer 404 exactly like something that does not exist.</para>
/// <para>A hold lasts at most <see cref="MaxMonthsAhead"/> months from today: it suspends a hotline's duty to notify,
/// so it is renewed deliberately (each change of date audited) rather than left open-ended.</para>
/// </remarks>
public sealed class InvestigationHoldActions(
    ClearlineDbContext db, UnitOfWork work, PortalAccess access, AuditTrail audit, EventAnnouncer events, JobQueue queue, TimeProvider time)
{
    public const int MaxMonthsAhead = 12;

    public const int MaxPageSize = 500;

    /// <summary>The unit's holds, newest first, after <paramref name="cursor"/> (the last id of the previous page).</summary>
    public async Task<Result<InvestigationHoldPage>> ListAsync(Officer officer, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (limit is < 1 or > MaxPageSize)
        {
            return new InvalidError("limit", $"Ask for between 1 and {MaxPageSize} holds a page.");
        }

        if (!officer.IsPolice)
        {
            return new InvestigationHoldPage([], null);
        }

        var query = Own(officer).AsNoTracking();
        if (cursor is { } after)
        {
            query = query.Where(h => h.Id.CompareTo(after) < 0);
        }

        var rows = await query.OrderByDescending(h => h.Id).Take(limit + 1).ToListAsync(ct);
        var now = time.GetUtcNow();
        var items = rows.Take(limit).Select(h => InvestigationHoldView.Of(h, now)).ToList();
        return new InvestigationHoldPage(items, rows.Count > limit ? items[^1].Id : null);
    }

    public async Task<Result<InvestigationHoldView>> FindAsync(Officer officer, Guid holdId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var hold = officer.IsPolice ? await Own(officer).AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, ct) : null;
        return hold is null ? NoSuchHold : InvestigationHoldView.Of(hold, time.GetUtcNow());
    }

    public async Task<Result<InvestigationHoldView>> PlaceAsync(Officer officer, PlaceInvestigationHold request, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var sha = request.MediaSha256?.Trim().ToLowerInvariant();
        if (!BlobAddress.IsValid(sha))
        {
            return new InvalidError("mediaSha256", "Give the item's SHA-256: 64 hexadecimal digits.");
        }

        if (CheckUntil(request.Until, now) is { } badDate)
        {
            return badDate;
        }

        var reason = request.Reason?.Trim();
        if (CheckReason(reason, "Say why the host must not be notified yet (a case number, what notifying would endanger).") is { } badReason)
        {
            return badReason;
        }

        if (!officer.IsPolice || !await access.ContainsAsync(officer, sha!, ct))
        {
            return new NotFoundError("No such item, or not one your unit sees: hold items hosted in your country or referred to you.");
        }

        if (request.ReferralId is { } referralId
            && !await db.Set<Referral>().AnyAsync(r => r.Id == referralId && r.PoliceOrganisationId == officer.OrganisationId && r.MediaSha256 == sha, ct))
        {
            return new NotFoundError("No such referral of your unit for this item; leave the referral out or pick one of this item's.");
        }

        if (await Own(officer).AnyAsync(h => h.MediaSha256 == sha && h.LiftedAt == null && h.Until > now, ct))
        {
            return new ConflictError("Your unit already holds this item; change that hold's date instead of placing another.");
        }

        var actor = officer.Actor;
        var hold = new InvestigationHold
        {
            OrganisationId = officer.OrganisationId, MediaSha256 = sha!, ReferralId = request.ReferralId,
            Until = InvestigationHoldDates.StartOf(request.Until!.Value), Reason = reason!, ReasonShared = request.ReasonShared,
            PlacedAt = now, PlacedByKind = actor.Kind, PlacedById = actor.Id,
        };
        await using var transaction = await work.BeginAsync(ct);
        db.Add(hold);
        InvestigationHoldExpiry.Schedule(queue, hold);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.InvestigationHoldPlaced, actor, officer.OrganisationId, Target(hold), clientIp,
            Detail: $"until={InvestigationHoldDates.DateOf(hold.Until):yyyy-MM-dd};reason-shared={(hold.ReasonShared ? "yes" : "no")}"), ct);
        await events.AnnounceAsync(new InvestigationHoldPlaced(hold.Id, hold.MediaSha256, hold.OrganisationId, actor), ct);
        await transaction.CommitAsync(ct);
        db.Entry(hold).State = EntityState.Detached;
        return InvestigationHoldView.Of(hold, now);
    }

    /// <summary>Moves an active hold's date (earlier or later, within the same bounds as placing it).</summary>
    public async Task<Result<InvestigationHoldView>> ChangeUntilAsync(Officer officer, Guid holdId, DateOnly? until, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var now = time.GetUtcNow();
        if (CheckUntil(until, now) is { } badDate)
        {
            return badDate;
        }

        return await ChangeAsync(officer, holdId, hold =>
        {
            var before = InvestigationHoldDates.DateOf(hold.Until);
            hold.Until = InvestigationHoldDates.StartOf(until!.Value);
            hold.ChangedAt = now;
            hold.ChangedByKind = officer.Actor.Kind;
            hold.ChangedById = officer.Actor.Id;
            InvestigationHoldExpiry.Schedule(queue, hold);
            return new AuditEvent(AuditAction.InvestigationHoldChanged, officer.Actor, officer.OrganisationId, Target(hold), clientIp,
                Detail: $"until={before:yyyy-MM-dd}->{until:yyyy-MM-dd}");
        }, now, ct);
    }

    /// <summary>Ends an active hold now, with the reason: the hotline may notify the host at once.</summary>
    public async Task<Result<InvestigationHoldView>> LiftAsync(Officer officer, Guid holdId, string? reason, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        reason = reason?.Trim();
        if (CheckReason(reason, "Say why the hold is lifted.") is { } badReason)
        {
            return badReason;
        }

        var now = time.GetUtcNow();
        return await ChangeAsync(officer, holdId, hold =>
        {
            hold.LiftedAt = now;
            hold.LiftedByKind = officer.Actor.Kind;
            hold.LiftedById = officer.Actor.Id;
            hold.LiftReason = reason;
            return new AuditEvent(AuditAction.InvestigationHoldLifted, officer.Actor, officer.OrganisationId, Target(hold), clientIp);
        }, now, ct);
    }

    internal static string Target(InvestigationHold hold) => $"investigation-hold:{hold.Id:D}";

    private static NotFoundError NoSuchHold => new("No such investigation hold, or not one of your unit's.");

    private IQueryable<InvestigationHold> Own(Officer officer)
    {
        var organisationId = officer.OrganisationId;
        return db.Set<InvestigationHold>().Where(h => h.OrganisationId == organisationId);
    }

    private async Task<Result<InvestigationHoldView>> ChangeAsync(
        Officer officer, Guid holdId, Func<InvestigationHold, AuditEvent> change, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var hold = officer.IsPolice ? await Own(officer).FirstOrDefaultAsync(h => h.Id == holdId, ct) : null;
        if (hold is null)
        {
            return NoSuchHold;
        }

        try
        {
            if (!hold.IsActiveAt(now))
            {
                return new ConflictError(hold.LiftedAt is null
                    ? "The hold ended on its date; place a new one if the investigation still needs it."
                    : "The hold was lifted already; place a new one if the investigation needs it again.");
            }

            var entry = change(hold);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(entry, ct);
            await transaction.CommitAsync(ct);
            return InvestigationHoldView.Of(hold, now);
        }
        finally
        {
            db.Entry(hold).State = EntityState.Detached;
        }
    }

    private static InvalidError? CheckUntil(DateOnly? until, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var latest = today.AddMonths(MaxMonthsAhead);
        return until switch
        {
            null => new InvalidError("until", "Give the date until which the host must not be notified (YYYY-MM-DD)."),
            { } date when date <= today => new InvalidError("until", "The date must be in the future: the host may be notified from that day on."),
            { } date when date > latest => new InvalidError("until",
                $"A hold lasts at most {MaxMonthsAhead} months (until {InvestigationHoldDates.Words(latest)}); change its date later if the investigation needs longer."),
            _ => null,
        };
    }

    private static InvalidError? CheckReason(string? reason, string missing) =>
        string.IsNullOrEmpty(reason) ? new InvalidError("reason", missing)
        : reason.Length > InvestigationHold.ReasonMaxLength ? new InvalidError("reason", $"A reason has at most {InvestigationHold.ReasonMaxLength} characters.")
        : null;
}
