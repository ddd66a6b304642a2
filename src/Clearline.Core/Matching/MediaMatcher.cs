using Clearline.Classification;
using Clearline.HashLists;
using Clearline.MediaItems;
using Clearline.Media.Pdq;
using Clearline.Media.Video;
using Clearline.Organisations;
using Clearline.Telemetry;
using Clearline.Videos;
using Microsoft.Extensions.Options;

namespace Clearline.Matching;

/// <summary>
/// Meets each new media item with everything already known, the moment it is stored. A match on a list trusted to
/// classify, whose category maps to a verdict, at an exact hash or a PDQ distance within
/// <see cref="MatchingOptions.ExactEnoughDistance"/>, or for a video whose frames are found in a known video at
/// <see cref="MatchingOptions.VideoQueryPercent"/> and <see cref="MatchingOptions.VideoComparedPercent"/>, classifies the
/// item with its provenance: it never reaches an analyst. Every other match that means something is recorded as
/// "probably known" for the analyst.
/// </summary>
/// <remarks>
/// Idempotent: matches already recorded are not inserted again (read under a lock in the writing transaction, so
/// two jobs at once never collide), and a job that runs twice changes nothing. Only a list that
/// <see cref="HashList.ClassifiesAutomatically"/> (Clearline's own, or approved by the coordinator) classifies, with
/// its approved mapping; every other list suggests. An analyst's
/// decision is never overridden, and lists that disagree on the verdict, with each other or with an earlier
/// automatic decision, classify nothing (a person decides).
/// A National verdict needs a jurisdiction: the country of the list's owner.
/// </remarks>
public sealed class MediaMatcher(
    ClearlineDbContext db, UnitOfWork work,
    KnownMaterialMatcher matcher,
    KnownMaterialDecisions decisions,
    TimeProvider time,
    IOptions<MatchingOptions> options,
    ClearlineMetrics metrics)
{
    /// <summary>The single-bigint advisory key ("ClMatch\0"); see <c>HashListStore</c>'s.</summary>
    private const long AdvisoryLockKey = 0x436C_4D61_7463_6800;

    public async Task MatchAsync(IReadOnlyCollection<string> mediaSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mediaSha256);
        using var timing = metrics.TimeMatch();
        var shas = mediaSha256.Distinct(StringComparer.Ordinal).ToList();
        var items = await db.Set<MediaItem>().AsNoTracking().Where(m => shas.Contains(m.Sha256)).ToListAsync(ct);
        if (items.Count == 0)
        {
            return;
        }

        var videos = await VideoFramesAsync(items, ct);
        var found = await matcher.FindAsync([.. items.Select(i => QueryFor(i, videos.GetValueOrDefault(i.Sha256)))], viewer: null, ct);
        if (found.All(f => f.Count == 0))
        {
            return;
        }

        var owners = found.SelectMany(f => f).Select(m => m.List.OwnerOrganisationId).OfType<Guid>().Distinct().ToList();
        var countries = await db.Set<Organisation>().AsNoTracking()
            .Where(o => owners.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.CountryCode, ct);

        await using var transaction = await work.BeginAsync(ct);

        // What is already recorded and decided is read under the lock, in the transaction that writes: two matching
        // jobs at once (a rematch and an ingest, or two rematches) then never insert the same match or decide twice.
        await LockAsync(ct);
        var recorded = await db.Set<MediaMatch>()
            .Where(m => shas.Contains(m.MediaSha256))
            .ToDictionaryAsync(m => (m.MediaSha256, m.KnownHashId), ct);
        var current = await db.Set<MediaClassification>().AsNoTracking()
            .Where(c => shas.Contains(c.MediaSha256) && c.SupersededAt == null)
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var classified = new List<KnownMaterialDecision>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];

            // Every current match takes part in the decision, the ones recorded before too: a list that has just
            // begun to classify (trust changed, or approved) classifies what it had only suggested.
            var decision = Decide(found[i], current.Where(c => c.MediaSha256 == item.Sha256).ToList(), countries);
            foreach (var match in found[i])
            {
                var isDecision = match == decision?.Match;
                if (recorded.TryGetValue((item.Sha256, match.Entry.Id), out var existing))
                {
                    if (isDecision)
                    {
                        existing.Outcome = MatchOutcome.Classified;
                        classified.Add(Classify(item, decision!, existing, now));
                    }

                    continue;
                }

                var row = new MediaMatch
                {
                    MediaSha256 = item.Sha256,
                    HashListId = match.List.Id,
                    KnownHashId = match.Entry.Id,
                    Hash = match.Hash,
                    Distance = match.Distance,
                    Transform = match.Transform,
                    QueryMatchPercent = match.Video?.QueryPercent,
                    ComparedMatchPercent = match.Video?.ComparedPercent,
                    MatchedAt = now,
                    Outcome = isDecision ? MatchOutcome.Classified
                        : match.List.Mapping.For(match.Entry.Category).Outcome == CategoryOutcome.Ignore ? MatchOutcome.Recorded
                        : MatchOutcome.Suggested,
                };
                db.Add(row);
                if (isDecision)
                {
                    classified.Add(Classify(item, decision!, row, now));
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

    /// <summary>
    /// Orders matching writers: PostgreSQL takes a transaction-scoped advisory lock; SQLite's transaction already holds
    /// the database's write lock (<c>BEGIN IMMEDIATE</c>).
    /// </summary>
    private async Task LockAsync(CancellationToken ct)
    {
        if (db is PostgresClearlineDbContext)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
    }

    /// <summary>The hashed frames of the videos and animations among <paramref name="items"/> that have their vPDQ (<see cref="VideoHash"/>).</summary>
    private async Task<Dictionary<string, IReadOnlyList<VpdqFeature>>> VideoFramesAsync(List<MediaItem> items, CancellationToken ct)
    {
        var shas = items.Where(i => VideoHash.AppliesTo(i.Format)).Select(i => i.Sha256).ToList();
        if (shas.Count == 0)
        {
            return [];
        }

        var hashed = await db.Set<VideoHash>().AsNoTracking()
            .Where(v => shas.Contains(v.MediaSha256) && v.Vpdq != null && v.ErrorCode == null)
            .Select(v => new { v.MediaSha256, v.Vpdq })
            .ToListAsync(ct);
        return hashed.ToDictionary(v => v.MediaSha256, v => VpdqText.ParseReferenceLines(v.Vpdq!), StringComparer.Ordinal);
    }

    /// <summary>The hashes of a stored item: its PDQ and its seven rotations and mirrors, when the quality allows.</summary>
    public static HashQuery QueryFor(MediaItem item) => QueryFor(item, null);

    /// <summary>The hashes of a stored item, with a video's hashed frames (<paramref name="vpdq"/>) when it has them.</summary>
    public static HashQuery QueryFor(MediaItem item, IReadOnlyList<VpdqFeature>? vpdq)
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

        return new HashQuery(item.Md5, item.Sha1, item.Sha256, Pdq: pdq, Vpdq: vpdq);
    }

    private sealed record Decision(KnownMatch Match, Verdict Verdict, string? Jurisdiction, ContentFlags Flags);

    private Decision? Decide(IReadOnlyList<KnownMatch> matches, List<MediaClassification> current, Dictionary<Guid, string?> countries)
    {
        if (current.Any(c => c.Source == ClassificationSource.Analyst))
        {
            return null;
        }

        var candidates = new List<Decision>();
        foreach (var match in matches)
        {
            var rule = match.List.DecisionMapping.For(match.Entry.Category);
            if (!match.List.ClassifiesAutomatically
                || rule.Verdict is not { } verdict
                || (match.Hash == MatchedHash.Pdq && match.Distance > options.Value.ExactEnoughDistance)
                || (match.Video is { } video && !ClassifiesVideo(video)))
            {
                continue;
            }

            // A National verdict holds under the law the entry names (a federated decision's), else the list owner's country's.
            var jurisdiction = verdict == Verdict.National
                ? match.Entry.Jurisdiction ?? (match.List.OwnerOrganisationId is { } owner ? countries.GetValueOrDefault(owner) : null)
                : null;
            if (verdict != Verdict.National || jurisdiction is not null)
            {
                candidates.Add(new Decision(match, verdict, jurisdiction, rule.Flags | (match.Entry.Flags ?? ContentFlags.None)));
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

    /// <summary>Whether a video comparison is close enough for a trusted list to classify: both shares at their thresholds.</summary>
    private bool ClassifiesVideo(VpdqComparison video) =>
        video.QueryPercent >= options.Value.VideoQueryPercent && video.ComparedPercent >= options.Value.VideoComparedPercent;

    private static KnownMaterialDecision Classify(MediaItem item, Decision decision, MediaMatch match, DateTimeOffset now) =>
        new(item.Sha256, decision.Verdict, decision.Jurisdiction, decision.Flags, match.Id, match.HashListId, match.KnownHashId, now,
            decision.Match.List.OwnerOrganisationId)
        {
            AgeGroup = decision.Match.Entry.AgeGroup ?? AgeGroup.NotCategorised,
            Gender = decision.Match.Entry.Gender ?? Gender.NotDetermined,
        };
}
