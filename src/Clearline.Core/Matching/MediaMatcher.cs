using Clearline.Classification;
using Clearline.HashLists;
using Clearline.MediaItems;
using Clearline.Media.Pdq;
using Clearline.Organisations;
using Microsoft.Extensions.Options;

namespace Clearline.Matching;

/// <summary>
/// Meets each new media item with everything already known, the moment it is stored. A match on a list trusted to
/// classify, whose category maps to a verdict, at an exact hash or a PDQ distance within
/// <see cref="MatchingOptions.ExactEnoughDistance"/>, classifies the item with its provenance: it never reaches
/// an analyst. Every other match that means something is recorded as "probably known" for the analyst.
/// </summary>
/// <remarks>
/// Idempotent: matches already recorded are skipped, so a job that runs twice changes nothing. An analyst's
/// decision is never overridden, and lists that disagree on the verdict, with each other or with an earlier
/// automatic decision, classify nothing (a person decides).
/// A National verdict needs a jurisdiction: the country of the list's owner.
/// </remarks>
public sealed class MediaMatcher(
    ClearlineDbContext db, UnitOfWork work,
    KnownMaterialMatcher matcher,
    KnownMaterialDecisions decisions,
    TimeProvider time,
    IOptions<MatchingOptions> options)
{
    public async Task MatchAsync(IReadOnlyCollection<string> mediaSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mediaSha256);
        var shas = mediaSha256.Distinct(StringComparer.Ordinal).ToList();
        var items = await db.Set<MediaItem>().AsNoTracking().Where(m => shas.Contains(m.Sha256)).ToListAsync(ct);
        if (items.Count == 0)
        {
            return;
        }

        var found = await matcher.FindAsync([.. items.Select(QueryFor)], viewer: null, ct);
        if (found.All(f => f.Count == 0))
        {
            return;
        }

        var recorded = (await db.Set<MediaMatch>().AsNoTracking()
                .Where(m => shas.Contains(m.MediaSha256))
                .Select(m => new { m.MediaSha256, m.KnownHashId })
                .ToListAsync(ct))
            .Select(m => (m.MediaSha256, m.KnownHashId))
            .ToHashSet();
        var current = await db.Set<MediaClassification>().AsNoTracking()
            .Where(c => shas.Contains(c.MediaSha256) && c.SupersededAt == null)
            .ToListAsync(ct);
        var owners = found.SelectMany(f => f).Select(m => m.List.OwnerOrganisationId).OfType<Guid>().Distinct().ToList();
        var countries = await db.Set<Organisation>().AsNoTracking()
            .Where(o => owners.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.CountryCode, ct);

        await using var transaction = await work.BeginAsync(ct);
        var now = time.GetUtcNow();
        var classified = new List<KnownMaterialDecision>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var fresh = found[i].Where(m => !recorded.Contains((item.Sha256, m.Entry.Id))).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            var decision = Decide(fresh, current.Where(c => c.MediaSha256 == item.Sha256).ToList(), countries);
            foreach (var match in fresh)
            {
                var row = new MediaMatch
                {
                    MediaSha256 = item.Sha256,
                    HashListId = match.List.Id,
                    KnownHashId = match.Entry.Id,
                    Hash = match.Hash,
                    Distance = match.Distance,
                    Transform = match.Transform,
                    MatchedAt = now,
                    Outcome = match == decision?.Match ? MatchOutcome.Classified
                        : match.List.Mapping.For(match.Entry.Category).Outcome == CategoryOutcome.Ignore ? MatchOutcome.Recorded
                        : MatchOutcome.Suggested,
                };
                db.Add(row);
                if (match == decision?.Match)
                {
                    classified.Add(Classify(item, decision, row, now));
                }
            }
        }

        // Classification writes the decisions, in this unit of work: it alone writes its tables. Its save stores the
        // matches above in the same round trip; the save after it stores them when no decision was made.
        await decisions.RecordAsync(classified, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The hashes of a stored item: its PDQ and its seven rotations and mirrors, when the quality allows.</summary>
    public static HashQuery QueryFor(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var pdq = new List<PdqHash>(8);
        if (item.PdqQuality is { } quality && PdqMatching.IsMatchable(quality) && PdqHash.TryParse(item.Pdq, out var original))
        {
            pdq.Add(original);
            var transforms = item.PdqDihedral.AsSpan();
            for (var at = 0; at + PdqHash.HexLength <= transforms.Length; at += PdqHash.HexLength)
            {
                if (PdqHash.TryParse(transforms.Slice(at, PdqHash.HexLength), out var transformed))
                {
                    pdq.Add(transformed);
                }
            }
        }

        return new HashQuery(item.Md5, item.Sha1, item.Sha256, Pdq: pdq);
    }

    private sealed record Decision(KnownMatch Match, Verdict Verdict, string? Jurisdiction, ContentFlags Flags);

    private Decision? Decide(List<KnownMatch> matches, List<MediaClassification> current, Dictionary<Guid, string?> countries)
    {
        if (current.Any(c => c.Source == ClassificationSource.Analyst))
        {
            return null;
        }

        var candidates = new List<Decision>();
        foreach (var match in matches)
        {
            var rule = match.List.Mapping.For(match.Entry.Category);
            if (match.List.Trust != HashListTrust.AutoClassify
                || rule.Verdict is not { } verdict
                || (!match.IsExact && match.Distance > options.Value.ExactEnoughDistance))
            {
                continue;
            }

            var jurisdiction = verdict == Verdict.National
                ? match.List.OwnerOrganisationId is { } owner ? countries.GetValueOrDefault(owner) : null
                : null;
            if (verdict != Verdict.National || jurisdiction is not null)
            {
                candidates.Add(new Decision(match, verdict, jurisdiction, rule.Flags));
            }
        }

        // Lists that disagree leave the decision to a person; otherwise the best match (the list is in best-first order).
        if (candidates.Select(c => (c.Verdict, c.Jurisdiction)).Distinct().Count() != 1)
        {
            return null;
        }

        // Already classified (by an earlier match): the same verdict needs nothing, a different one needs a person.
        return current.Count == 0 ? candidates[0] : null;
    }

    private static KnownMaterialDecision Classify(MediaItem item, Decision decision, MediaMatch match, DateTimeOffset now) =>
        new(item.Sha256, decision.Verdict, decision.Jurisdiction, decision.Flags, match.Id, match.HashListId, match.KnownHashId, now);
}
