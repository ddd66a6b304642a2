using System.Globalization;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Events;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.Routing;

namespace Clearline.Escalation;

/// <summary>One cause of an escalation as INTERPOL sees it.</summary>
public sealed record EscalationCauseView(
    EscalationCauseKind Kind, Guid HotlineOrganisationId, string HotlineName, Guid? PoliceOrganisationId, string? PoliceName, Guid? ReferralId, DateTimeOffset At);

/// <summary>An escalation in INTERPOL's queue, with its priority and the reasons for it.</summary>
/// <remarks><c>Priority</c>: 0 (first) to 3; <c>PriorityReasons</c>: why, in words; <c>SeriesSize</c>: the items escalated through the same report.</remarks>
public sealed record EscalationView(
    Guid Id,
    string MediaSha256,
    EscalationState State,
    int Priority,
    IReadOnlyList<string> PriorityReasons,
    AgeGroup AgeGroup,
    int SeriesSize,
    Guid HotlineOrganisationId,
    string HotlineName,
    DateTimeOffset OpenedAt,
    DateTimeOffset? TakenAt,
    DateTimeOffset? StateChangedAt,
    string? FeedbackNote,
    DateTimeOffset? FeedbackAt,
    IReadOnlyList<EscalationCauseView> Causes);

/// <summary>A page of the queue; <c>NextCursor</c> is null on the last page.</summary>
public sealed record EscalationPage(IReadOnlyList<EscalationView> Items, string? NextCursor);

/// <summary>What the reporting hotline sees of the escalation of its route's item: the state and INTERPOL's feedback.</summary>
public sealed record EscalationStatusView(
    Guid EscalationId, string MediaSha256, EscalationState State, DateTimeOffset OpenedAt, DateTimeOffset? StateChangedAt, string? FeedbackNote, DateTimeOffset? FeedbackAt);

/// <summary>Whether a route's item was escalated, and if so its state and feedback (<c>Escalation</c> is null when it was not).</summary>
public sealed record RouteEscalation(EscalationStatusView? Escalation)
{
    public bool Escalated => Escalation is not null;
}

/// <summary>
/// INTERPOL's victim identification queue: read it in priority order, take an escalation, change its state and give
/// feedback to the reporting hotline. Only INTERPOL works it; anyone else gets <see cref="NotFoundError"/>.
/// </summary>
/// <remarks>
/// The queue's order: open first, then taken, identified, closed; within a state by priority (<see cref="ItemEscalation.PriorityRank"/>:
/// a new series, then the age groups Infant and PrePubescent), then the oldest first.
/// </remarks>
public sealed class Escalations(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, EventAnnouncer events, TimeProvider time)
{
    public const int MaxPageSize = 100;

    private const string NotFound = "No such escalation, or not one your organisation may see.";

    public async Task<Result<EscalationPage>> ListAsync(Officer officer, EscalationState? state, string? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!officer.IsInterpol)
        {
            return new NotFoundError(NotFound);
        }

        if (state is { } wanted && !Enum.IsDefined(wanted))
        {
            return new InvalidError("state", "The state must be Open, Taken, Identified or Closed.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return new InvalidError("limit", $"The limit must be between 1 and {MaxPageSize}.");
        }

        var rows = db.Set<ItemEscalation>().AsNoTracking()
            .Select(e => new { Escalation = e, Key = (e.State == EscalationState.Open ? 0 : e.State == EscalationState.Taken ? 4 : e.State == EscalationState.Identified ? 8 : 12) + e.PriorityRank });
        if (state is { } only)
        {
            rows = rows.Where(x => x.Escalation.State == only);
        }

        if (cursor is not null)
        {
            if (!TryParseCursor(cursor, out var key, out var openedAt, out var id))
            {
                return new InvalidError("cursor", "The cursor is not one this list gave; start again without it.");
            }

            rows = rows.Where(x => x.Key > key
                || (x.Key == key && (x.Escalation.OpenedAt > openedAt || (x.Escalation.OpenedAt == openedAt && x.Escalation.Id.CompareTo(id) > 0))));
        }

        var page = await rows.OrderBy(x => x.Key).ThenBy(x => x.Escalation.OpenedAt).ThenBy(x => x.Escalation.Id)
            .Take(limit + 1).ToListAsync(ct);
        var more = page.Count > limit;
        var shown = page.Take(limit).ToList();
        var views = await ViewsAsync([.. shown.Select(x => x.Escalation)], ct);
        var last = shown.LastOrDefault();
        return new EscalationPage(views, more && last is not null ? $"{last.Key}.{last.Escalation.OpenedAt.UtcTicks}.{last.Escalation.Id:N}" : null);
    }

    public async Task<Result<EscalationView>> FindAsync(Officer officer, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var escalation = officer.IsInterpol ? await db.Set<ItemEscalation>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) : null;
        return escalation is null ? new NotFoundError(NotFound) : (await ViewsAsync([escalation], ct))[0];
    }

    /// <summary>An INTERPOL officer takes an open escalation: it leaves the open queue, and INTERPOL has an interest in the item.</summary>
    public async Task<Result<EscalationView>> TakeAsync(Officer officer, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        await using var transaction = await work.BeginAsync(ct);
        if (await FindForWorkAsync(officer, id, ct) is not { } escalation)
        {
            return new NotFoundError(NotFound);
        }

        if (escalation.State != EscalationState.Open)
        {
            return new ConflictError($"This escalation is {escalation.State.ToString().ToLowerInvariant()}, not open; only an open escalation can be taken.");
        }

        var now = time.GetUtcNow();
        escalation.State = EscalationState.Taken;
        escalation.TakenAt = now;
        escalation.TakenBy = officer.PrincipalId;
        Changed(escalation, officer, now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.EscalationTaken, officer.Actor, officer.OrganisationId, Target: $"escalation:{escalation.Id}"), ct);
        await events.AnnounceAsync(new EscalationTaken(escalation.Id, escalation.MediaSha256, officer.OrganisationId, officer.Actor), ct);
        await transaction.CommitAsync(ct);
        return (await ViewsAsync([escalation], ct))[0];
    }

    /// <summary>Moves an escalation to Open (back to the queue), Identified or Closed; Taken is reached by taking it.</summary>
    public async Task<Result<EscalationView>> ChangeStateAsync(Officer officer, Guid id, EscalationState? state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (state is not { } wanted || !Enum.IsDefined(wanted) || wanted == EscalationState.Taken)
        {
            return new InvalidError("state", "The state must be Open, Identified or Closed (take an escalation to make it Taken).");
        }

        await using var transaction = await work.BeginAsync(ct);
        if (await FindForWorkAsync(officer, id, ct) is not { } escalation)
        {
            return new NotFoundError(NotFound);
        }

        if (escalation.State == wanted)
        {
            return new ConflictError($"This escalation is already {wanted.ToString().ToLowerInvariant()}.");
        }

        if (wanted == EscalationState.Open
            && await db.Set<ItemEscalation>().AnyAsync(e => e.MediaSha256 == escalation.MediaSha256 && e.Id != escalation.Id && (e.State == EscalationState.Open || e.State == EscalationState.Taken), ct))
        {
            return new ConflictError("The item has another active escalation since; work that one instead.");
        }

        var from = escalation.State;
        escalation.State = wanted;
        Changed(escalation, officer, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(
            new AuditEvent(AuditAction.EscalationStateChanged, officer.Actor, officer.OrganisationId, Target: $"escalation:{escalation.Id}", Detail: $"{from} to {wanted}"), ct);
        await transaction.CommitAsync(ct);
        return (await ViewsAsync([escalation], ct))[0];
    }

    /// <summary>Feedback to the reporting hotline: a note it reads with the escalation's state on its route.</summary>
    public async Task<Result<EscalationView>> GiveFeedbackAsync(Officer officer, Guid id, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new InvalidError("note", "Write the feedback for the reporting hotline.");
        }

        if (text.Length > ItemEscalation.FeedbackMaxLength)
        {
            return new InvalidError("note", $"The feedback is at most {ItemEscalation.FeedbackMaxLength} characters.");
        }

        await using var transaction = await work.BeginAsync(ct);
        if (await FindForWorkAsync(officer, id, ct) is not { } escalation)
        {
            return new NotFoundError(NotFound);
        }

        escalation.FeedbackNote = text;
        escalation.FeedbackAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(
            new AuditEvent(AuditAction.EscalationFeedbackGiven, officer.Actor, officer.OrganisationId, Target: $"escalation:{escalation.Id}", Detail: $"to hotline {escalation.HotlineOrganisationId}"), ct);
        await transaction.CommitAsync(ct);
        return (await ViewsAsync([escalation], ct))[0];
    }

    /// <summary>
    /// The escalation of the item at a route's content URL (the active one, else the latest), for whoever sees the route
    /// (<see cref="RouteAccess.VisibleTo"/>): the reporting hotline reads its state and feedback there. Null when the route
    /// is not visible, holds no stored item, or its item was not escalated.
    /// </summary>
    public async Task<Result<RouteEscalation>> ForRouteAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).Where(r => r.Id == routeId)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { u.MediaSha256 })
            .FirstOrDefaultAsync(ct);
        if (route is null)
        {
            return new NotFoundError("No such route, or not one your organisation can see.");
        }

        if (route.MediaSha256 is not { } sha)
        {
            return new RouteEscalation(null);
        }

        var escalations = await db.Set<ItemEscalation>().AsNoTracking().Where(e => e.MediaSha256 == sha).ToListAsync(ct);
        var escalation = escalations.OrderBy(e => e.IsActive ? 0 : 1).ThenByDescending(e => e.OpenedAt).FirstOrDefault();
        return new RouteEscalation(escalation is null
            ? null
            : new EscalationStatusView(escalation.Id, escalation.MediaSha256, escalation.State, escalation.OpenedAt, escalation.StateChangedAt, escalation.FeedbackNote, escalation.FeedbackAt));
    }

    /// <summary>How many escalations wait open (the navigation's count).</summary>
    public Task<int> CountOpenAsync(Officer officer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return officer.IsInterpol ? db.Set<ItemEscalation>().CountAsync(e => e.State == EscalationState.Open, ct) : Task.FromResult(0);
    }

    private static void Changed(ItemEscalation escalation, Officer officer, DateTimeOffset at)
    {
        escalation.StateChangedAt = at;
        escalation.StateChangedBy = officer.PrincipalId;
        escalation.StateChangedByApiKey = officer.IsApiKey;
    }

    private async Task<ItemEscalation?> FindForWorkAsync(Officer officer, Guid id, CancellationToken ct) =>
        officer.IsInterpol ? await db.Set<ItemEscalation>().FirstOrDefaultAsync(e => e.Id == id, ct) : null;

    private async Task<IReadOnlyList<EscalationView>> ViewsAsync(IReadOnlyList<ItemEscalation> escalations, CancellationToken ct)
    {
        if (escalations.Count == 0)
        {
            return [];
        }

        var ids = escalations.Select(e => e.Id).ToList();
        var causes = await db.Set<EscalationCause>().AsNoTracking().Where(c => ids.Contains(c.EscalationId)).ToListAsync(ct);
        var reports = escalations.Where(e => e.ReportId is not null).Select(e => e.ReportId!.Value).Distinct().ToList();
        var seriesSizes = reports.Count == 0
            ? []
            : await db.Set<ItemEscalation>().Where(e => e.ReportId != null && reports.Contains(e.ReportId.Value))
                .GroupBy(e => e.ReportId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var organisationIds = causes.SelectMany(c => new[] { c.HotlineOrganisationId, c.PoliceOrganisationId ?? Guid.Empty })
            .Concat(escalations.Select(e => e.HotlineOrganisationId)).Where(g => g != Guid.Empty).Distinct().ToList();
        var names = await db.Set<Organisation>().IgnoreQueryFilters().AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "an organisation no longer in the network");

        return [.. escalations.Select(e =>
        {
            var series = e.ReportId is { } report ? seriesSizes.GetValueOrDefault(report, 1) : 1;
            return new EscalationView(
                e.Id, e.MediaSha256, e.State, e.PriorityRank, Reasons(e, series), e.AgeGroup, series, e.HotlineOrganisationId, Name(e.HotlineOrganisationId),
                e.OpenedAt, e.TakenAt, e.StateChangedAt, e.FeedbackNote, e.FeedbackAt,
                [.. causes.Where(c => c.EscalationId == e.Id).OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => new EscalationCauseView(
                    c.Kind, c.HotlineOrganisationId, Name(c.HotlineOrganisationId), c.PoliceOrganisationId,
                    c.PoliceOrganisationId is { } police ? Name(police) : null, c.ReferralId, c.At))]);
        })];
    }

    /// <summary>Why an escalation stands where it does in the queue, in words.</summary>
    private static List<string> Reasons(ItemEscalation escalation, int seriesSize)
    {
        var reasons = new List<string>();
        if (escalation.InSeries)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"New series: {seriesSize} items escalated through the same report."));
        }

        reasons.Add(ItemEscalation.IsYoung(escalation.AgeGroup)
            ? $"Age group {escalation.AgeGroup}: infants and pre-pubescent children come first."
            : $"Age group {escalation.AgeGroup}: after the infant and pre-pubescent ones.");
        reasons.Add("Oldest first within the same priority.");
        return reasons;
    }

    private static bool TryParseCursor(string cursor, out int key, out DateTimeOffset openedAt, out Guid id)
    {
        key = 0;
        openedAt = default;
        id = default;
        var parts = cursor.Split('.');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out key)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[2], "N", out id))
        {
            return false;
        }

        openedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
