using Clearline.Events;
using Clearline.HashLists;

namespace Clearline.Classification;

/// <summary>
/// A verdict that matching reached for an item from a list trusted to classify, with its provenance and the list's
/// owner (null for the network's own list), for whom the list decided.
/// </summary>
public sealed record KnownMaterialDecision(
    string MediaSha256, Verdict Verdict, string? Jurisdiction, ContentFlags Flags, Guid MatchId, Guid HashListId, long KnownHashId, DateTimeOffset ClassifiedAt,
    Guid? ListOwnerOrganisationId = null)
{
    /// <summary>The age group the entry's source recorded (a federated decision's); not categorised otherwise.</summary>
    public AgeGroup AgeGroup { get; init; }

    /// <summary>The gender the entry's source recorded; not determined otherwise.</summary>
    public Gender Gender { get; init; }
}

/// <summary>
/// Classification's side of known material: the automatic decisions that rest on a hash-list entry. Only
/// Classification writes decisions: matching hands its verdicts to <see cref="RecordAsync"/>, and a tombstoned
/// entry (announced by hash lists) withdraws the decisions that rested on it.
/// </summary>
public sealed class KnownMaterialDecisions(ClearlineDbContext db, AuditTrail audit, EventAnnouncer events) : IEventObserver<KnownHashTombstoned>
{
    /// <summary>
    /// Records matching's decisions in the caller's unit of work, which holds the matches they cite, and audits each.
    /// </summary>
    /// <remarks>
    /// An automatic decision is audited as made by the list's owner through that list (actor: the list; organisation:
    /// its owner), never as the anonymous "system": who decided for the network is always known.
    /// </remarks>
    public async Task<IReadOnlyList<MediaClassification>> RecordAsync(IReadOnlyList<KnownMaterialDecision> decisions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            return [];
        }

        var classified = decisions.Select(d => new MediaClassification
        {
            MediaSha256 = d.MediaSha256,
            Verdict = d.Verdict,
            Jurisdiction = d.Jurisdiction,
            AgeGroup = d.AgeGroup,
            Gender = d.Gender,
            Flags = d.Flags,
            Source = ClassificationSource.KnownMaterial,
            MatchId = d.MatchId,
            HashListId = d.HashListId,
            KnownHashId = d.KnownHashId,
            ClassifiedAt = d.ClassifiedAt,
        }).ToList();
        db.AddRange(classified);
        foreach (var sha in classified.Select(c => c.MediaSha256).Distinct(StringComparer.Ordinal))
        {
            await events.AnnounceAsync(new ItemDecisionChanged(sha, DecisionChange.Decided), ct);
        }

        await db.SaveChangesAsync(ct);
        foreach (var (classification, decision) in classified.Zip(decisions))
        {
            await audit.AppendAsync(
                new AuditEvent(
                    AuditAction.MediaAutoClassified,
                    AuditActor.HashList(decision.HashListId),
                    decision.ListOwnerOrganisationId,
                    Target: $"classification:{classification.Id}",
                    Detail: $"{classification.Verdict} from list {classification.HashListId}, entry {classification.KnownHashId}, match {classification.MatchId}"),
                ct);
        }

        return classified;
    }

    /// <summary>
    /// Withdraws the automatic decisions that rested on a tombstoned entry, in the tombstone's unit of work, so
    /// their items return to the analysts' queues.
    /// </summary>
    public async Task OnAsync(KnownHashTombstoned happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var resting = await db.Set<MediaClassification>()
            .Where(c => c.KnownHashId == happened.KnownHashId && c.Source == ClassificationSource.KnownMaterial && c.SupersededAt == null)
            .ToListAsync(ct);
        foreach (var classification in resting)
        {
            classification.SupersededAt = happened.TombstonedAt;
            classification.WithdrawnReason = $"Entry {happened.KnownHashId} of its list was tombstoned.";
        }

        foreach (var sha in resting.Select(c => c.MediaSha256).Distinct(StringComparer.Ordinal))
        {
            await events.AnnounceAsync(new ItemDecisionChanged(sha, DecisionChange.ListEntryWithdrawn), ct);
        }
    }
}
