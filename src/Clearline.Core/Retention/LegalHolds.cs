using Clearline.Classification;
using Clearline.Reports;
using Clearline.Storage;
using Clearline.Tenancy;

namespace Clearline.Retention;

/// <summary>A hold to place: exactly one of a report id and an item's SHA-256, with the reason.</summary>
public sealed record PlaceHold(Guid? ReportId, string? MediaSha256, string? Reason);

/// <summary>A hold as its organisation sees it.</summary>
public sealed record HoldView(
    Guid Id, HoldSubject Subject, Guid? ReportId, string? MediaSha256, string Reason, DateTimeOffset PlacedAt,
    DateTimeOffset? LiftedAt, string? LiftReason)
{
    public bool IsActive => LiftedAt is null;

    internal static HoldView Of(LegalHold h) => new(h.Id, h.Subject, h.ReportId, h.MediaSha256, h.Reason, h.PlacedAt, h.LiftedAt, h.LiftReason);
}

/// <summary>Places, lists and lifts an organisation's legal holds; every change is audited.</summary>
/// <remarks>
/// Who may is the caller's policy (the PlaceLegalHold permission, the holds:write scope). An organisation holds only
/// its own reports and the items it found or was routed (the coordinator: any item); anything else, and another
/// organisation's hold, answers 404 exactly like something that does not exist.
/// </remarks>
public sealed class LegalHolds(ClearlineDbContext db, UnitOfWork work, FoundItems found, AuditTrail audit, TimeProvider time)
{
    public const int MaxListed = 500;

    /// <summary>The organisation's holds, active first, newest first.</summary>
    public async Task<IReadOnlyList<HoldView>> ListAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var holds = await db.Set<LegalHold>().AsNoTracking()
            .Where(h => h.OrganisationId == caller.OrganisationId)
            .OrderBy(h => h.LiftedAt != null).ThenByDescending(h => h.Id)
            .Take(MaxListed)
            .ToListAsync(ct);
        return [.. holds.Select(HoldView.Of)];
    }

    public async Task<Result<HoldView>> PlaceAsync(Caller caller, PlaceHold request, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return new InvalidError("reason", "Say why the hold is placed (a case number, a request from police).");
        }

        if (reason.Length > LegalHold.ReasonMaxLength)
        {
            return new InvalidError("reason", $"A reason has at most {LegalHold.ReasonMaxLength} characters.");
        }

        var sha = request.MediaSha256?.Trim().ToLowerInvariant();
        if ((request.ReportId is null) == string.IsNullOrEmpty(sha))
        {
            return new InvalidError(request.ReportId is null ? "reportId" : "mediaSha256", "Give either a report id or an item's SHA-256, not both.");
        }

        LegalHold hold;
        if (request.ReportId is { } reportId)
        {
            var own = await db.Set<Report>().IgnoreQueryFilters().AnyAsync(r => r.Id == reportId && r.OrganisationId == caller.OrganisationId, ct);
            if (!own)
            {
                return new NotFoundError("No such report, or not one of your organisation's.");
            }

            hold = New(caller, reason, HoldSubject.Report, reportId, null);
        }
        else
        {
            if (!BlobAddress.IsValid(sha))
            {
                return new InvalidError("mediaSha256", "An item's SHA-256 is 64 hexadecimal digits.");
            }

            if (!await found.For(caller.OrganisationId, caller.Kind).AnyAsync(s => s == sha, ct))
            {
                return new NotFoundError("No such item, or not one your organisation found or was routed.");
            }

            hold = New(caller, reason, HoldSubject.MediaItem, null, sha);
        }

        await using var transaction = await work.BeginAsync(ct);
        db.Add(hold);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.LegalHoldPlaced, caller.Actor, caller.OrganisationId, $"hold:{hold.Id:D}", clientIp,
            Detail: hold.Subject == HoldSubject.Report ? $"report={hold.ReportId:D}" : "subject=media-item"), ct);
        await transaction.CommitAsync(ct);
        db.Entry(hold).State = EntityState.Detached;
        return HoldView.Of(hold);
    }

    public async Task<Result<HoldView>> LiftAsync(Caller caller, Guid holdId, string? reason, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return new InvalidError("reason", "Say why the hold is lifted.");
        }

        if (reason.Length > LegalHold.ReasonMaxLength)
        {
            return new InvalidError("reason", $"A reason has at most {LegalHold.ReasonMaxLength} characters.");
        }

        await using var transaction = await work.BeginAsync(ct);
        var hold = await db.Set<LegalHold>().FirstOrDefaultAsync(h => h.Id == holdId && h.OrganisationId == caller.OrganisationId, ct);
        if (hold is null)
        {
            return new NotFoundError("No such hold, or not one of your organisation's.");
        }

        try
        {
            if (hold.LiftedAt is not null)
            {
                return new ConflictError("The hold was lifted already.");
            }

            var actor = caller.Actor;
            hold.LiftedAt = time.GetUtcNow();
            hold.LiftedByKind = actor.Kind;
            hold.LiftedById = actor.Id;
            hold.LiftReason = reason;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEvent(AuditAction.LegalHoldLifted, actor, caller.OrganisationId, $"hold:{hold.Id:D}", clientIp), ct);
            await transaction.CommitAsync(ct);
            return HoldView.Of(hold);
        }
        finally
        {
            db.Entry(hold).State = EntityState.Detached;
        }
    }

    private LegalHold New(Caller caller, string reason, HoldSubject subject, Guid? reportId, string? sha) => new()
    {
        OrganisationId = caller.OrganisationId,
        Subject = subject,
        ReportId = reportId,
        MediaSha256 = sha,
        Reason = reason,
        PlacedAt = time.GetUtcNow(),
        PlacedByKind = caller.Actor.Kind,
        PlacedById = caller.Actor.Id,
    };
}
