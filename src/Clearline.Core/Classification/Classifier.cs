using System.Buffers.Binary;
using Clearline.Events;

namespace Clearline.Classification;

/// <summary>An analyst's decision on one item.</summary>
/// <remarks>
/// <c>ExpectedCurrentId</c> is the decision the analyst saw as current for their hotline when deciding, or null
/// when they saw none. When another decision holds by now, nothing is written and the answer is a
/// <see cref="ClassificationConflict"/>.
/// </remarks>
public sealed record ClassifyRequest(
    string MediaSha256,
    Verdict Verdict,
    AgeGroup AgeGroup = AgeGroup.NotCategorised,
    Gender Gender = Gender.NotDetermined,
    ContentFlags Flags = ContentFlags.None,
    Guid? ExpectedCurrentId = null);

/// <summary>An undone decision and the decisions it had superseded, which hold again.</summary>
public sealed record UndoneDecision(MediaClassification Undone, IReadOnlyList<MediaClassification> Restored);

/// <summary>
/// Records analysts' decisions with their history. Baseline holds network-wide; National and Not illegal hold in
/// the analyst's country. A new decision supersedes the decisions in its scope (those of the same country, and the
/// hotline's own network-wide ones), never another hotline's Baseline. Every decision joins the network's own list
/// (<see cref="NetworkClassificationList"/>), so that copies of the item are recognised.
/// </summary>
/// <remarks>
/// Two analysts deciding the same item at once end with one decision: each request names the decision its analyst
/// saw, the item is locked while deciding, and the later request finds a different current decision and gets a
/// conflict instead of overwriting. Another hotline's Baseline is refused to everyone but the coordinator.
/// </remarks>
public sealed class Classifier(
    ClearlineDbContext db, UnitOfWork work, NetworkClassificationList networkList, FoundItems found, SecondOpinions secondOpinions, AuditTrail audit, EventAnnouncer events, TimeProvider time)
{
    // Two-int advisory key space of decisions, apart from the media store's and the audit trail's.
    private const int AdvisoryLockClass = 0x434C4443;

    /// <summary>The most items one batch may decide: the API's request and the workspace's selection.</summary>
    public const int MaxBatch = 100;

    /// <summary>
    /// Decides each request in the order given, each in its own transaction: one item's conflict or refusal never
    /// undoes another's decision. One answer per request, in the same order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxBatch"/> requests: callers refuse such a batch in their own words.</exception>
    public async Task<IReadOnlyList<Result<MediaClassification>>> ClassifyEachAsync(IReadOnlyList<ClassifyRequest> requests, Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests.Count, MaxBatch);
        var results = new List<Result<MediaClassification>>(requests.Count);
        foreach (var request in requests)
        {
            results.Add(await ClassifyAsync(request, assessor, ct));
        }

        return results;
    }

    /// <summary>The new decision, or why none was made.</summary>
    public async Task<Result<MediaClassification>> ClassifyAsync(ClassifyRequest request, Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assessor);
        if (Validate(request, assessor) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await work.BeginAsync(ct);
        if (!await found.ContainsAsync(assessor, request.MediaSha256, ct))
        {
            return new NotFoundError("No such item, or not one your hotline found.");
        }

        await LockAsync(request.MediaSha256, ct);
        var current = await db.Set<MediaClassification>()
            .Where(c => c.MediaSha256 == request.MediaSha256 && c.SupersededAt == null)
            .ToListAsync(ct);
        if (!assessor.IsCoordinator
            && current.FirstOrDefault(c => c.Verdict == Verdict.Baseline && c.Source == ClassificationSource.Analyst && c.OrganisationId != assessor.OrganisationId) is { } final)
        {
            return new ClassificationRefused(
                "Another hotline classified this item Baseline; that decision is final network-wide and only the coordinator can change it.", final.Id);
        }

        var seen = await CurrentForAsync(request.MediaSha256, assessor, ct);
        if (seen?.Id != request.ExpectedCurrentId)
        {
            await audit.AppendAsync(
                new AuditEvent(AuditAction.ClassificationConflicted, assessor.Actor, assessor.OrganisationId, Target: $"media:{request.MediaSha256}"), ct);
            await transaction.CommitAsync(ct);
            return new ClassificationConflict("Another decision was made on this item since you saw it; review it and decide again.", seen);
        }

        var classification = await RecordAsync(request, assessor, current, ct);
        await transaction.CommitAsync(ct);
        return classification;
    }

    /// <summary>
    /// Undoes the analyst's own last decision, when it still holds: it is withdrawn and the decisions it superseded
    /// hold again.
    /// </summary>
    public async Task<Result<UndoneDecision>> UndoAsync(Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        await using var transaction = await work.BeginAsync(ct);
        var analystId = assessor.AnalystId;
        var last = await db.Set<MediaClassification>()
            .Where(c => c.OrganisationId == assessor.OrganisationId && (assessor.IsApiKey ? c.ApiKeyId == analystId : c.UserId == analystId))
            .Where(c => c.WithdrawnReason == null)
            .OrderByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return new NotFoundError("You have no decision to undo.");
        }

        await LockAsync(last.MediaSha256, ct);
        await db.Entry(last).ReloadAsync(ct);
        if (last.SupersededAt is not null)
        {
            return new ClassificationConflict("Your last decision was superseded by another decision since; there is nothing of yours to undo.", null);
        }

        var now = time.GetUtcNow();
        last.SupersededAt = now;
        last.WithdrawnReason = "Undone by its author.";
        var restored = await db.Set<MediaClassification>().Where(c => c.SupersededById == last.Id).ToListAsync(ct);
        foreach (var old in restored)
        {
            old.SupersededAt = null;
            old.SupersededById = null;
        }

        await events.AnnounceAsync(new ItemDecisionChanged(last.MediaSha256, DecisionChange.Undone, assessor.OrganisationId), ct);
        await db.SaveChangesAsync(ct);
        await networkList.WithdrawAsync(last.Id, $"Classification {last.Id:D} was undone.", last.UserId, ct);
        foreach (var old in restored.Where(c => c.Source == ClassificationSource.Analyst))
        {
            await networkList.RecordAsync(old, [], ct);
        }

        await audit.AppendAsync(
            new AuditEvent(AuditAction.ClassificationUndone, assessor.Actor, assessor.OrganisationId, Target: $"classification:{last.Id}", Detail: $"restoring {restored.Count}"), ct);
        await transaction.CommitAsync(ct);
        return new UndoneDecision(last, restored);
    }

    /// <summary>The decision that holds for the assessor's hotline now (the latest one in its scope), or null.</summary>
    public Task<MediaClassification?> CurrentForAsync(string mediaSha256, Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        return db.Set<MediaClassification>()
            .Where(DecisionScope.Covers(db, assessor.ListViewer, assessor.CountryCode))
            .Where(c => c.MediaSha256 == mediaSha256)
            .OrderByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
    }

    private static InvalidError? Validate(ClassifyRequest request, Assessor assessor)
    {
        if (!Enum.IsDefined(request.Verdict))
        {
            return new InvalidError("verdict", "The verdict must be Baseline, National or NotIllegal.");
        }

        if (!Enum.IsDefined(request.AgeGroup) || !Enum.IsDefined(request.Gender) || (request.Flags & ~(ContentFlags.Virtual | ContentFlags.UserGenerated | ContentFlags.ChildModelling)) != 0)
        {
            return new InvalidError("verdict", "The age group, gender or flags are not ones Clearline knows.");
        }

        return request.Verdict == Verdict.National && assessor.CountryCode is null
            ? new InvalidError("verdict", "A National decision is under a country's law; your organisation has no country.")
            : null;
    }

    private async Task<MediaClassification> RecordAsync(ClassifyRequest request, Assessor assessor, List<MediaClassification> current, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var classification = new MediaClassification
        {
            MediaSha256 = request.MediaSha256,
            Verdict = request.Verdict,
            Jurisdiction = request.Verdict == Verdict.Baseline ? null : assessor.CountryCode,
            AgeGroup = request.AgeGroup,
            Gender = request.Gender,
            Flags = request.Flags,
            Source = ClassificationSource.Analyst,
            OrganisationId = assessor.OrganisationId,
            UserId = assessor.IsApiKey ? null : assessor.AnalystId,
            ApiKeyId = assessor.IsApiKey ? assessor.AnalystId : null,
            ClassifiedAt = now,
        };
        var networkWide = classification.Jurisdiction is null;
        var superseded = current
            .Where(c => c.Jurisdiction is not null
                ? c.Jurisdiction == assessor.CountryCode
                : c.OrganisationId == assessor.OrganisationId || request.Verdict == Verdict.Baseline || (networkWide && assessor.IsCoordinator))
            .ToList();
        foreach (var old in superseded)
        {
            old.SupersededAt = now;
            old.SupersededById = classification.Id;
        }

        db.Add(classification);
        await secondOpinions.ResolveAsync(classification, assessor.OrganisationId, ct);
        await events.AnnounceAsync(new ItemDecisionChanged(classification.MediaSha256, DecisionChange.Decided, assessor.OrganisationId), ct);
        await db.SaveChangesAsync(ct);
        await networkList.RecordAsync(classification, [.. superseded.Select(c => c.Id)], ct);
        await audit.AppendAsync(
            new AuditEvent(
                AuditAction.MediaClassified,
                assessor.Actor,
                assessor.OrganisationId,
                Target: $"classification:{classification.Id}",
                Detail: superseded.Count == 0 ? classification.Verdict.ToString() : $"{classification.Verdict}, superseding {superseded.Count}"),
            ct);
        await events.AnnounceAsync(new ItemClassified(classification, assessor.Actor), ct);
        return classification;
    }

    /// <summary>
    /// Serialises decisions on one item. SQLite: the transaction already holds the database's write lock (BEGIN
    /// IMMEDIATE). PostgreSQL: an advisory lock per item, held until the transaction ends.
    /// </summary>
    private async Task LockAsync(string mediaSha256, CancellationToken ct)
    {
        if (db is PostgresClearlineDbContext && mediaSha256.Length >= 8)
        {
            var lockId = BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(mediaSha256.AsSpan(0, 8)));
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, {lockId})", ct);
        }
    }
}
