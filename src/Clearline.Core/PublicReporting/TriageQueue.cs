using Clearline.Classification;
using Clearline.Crawling;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.MediaItems;
using Clearline.Reports;
using Clearline.Tenancy;

namespace Clearline.PublicReporting;

/// <summary>One URL of a public report waiting in the hotline's triage, with what the checks found and its score.</summary>
/// <param name="Id">The public report URL's id: what accept and close name.</param>
/// <param name="ReportId">The report made of it (pending until accepted).</param>
/// <param name="Reference">The public report's reference, shared by its URLs.</param>
/// <param name="Url">The URL as the reporter gave it.</param>
/// <param name="ReceivedAt">When the public report came in.</param>
/// <param name="WhatSeen">What the reporter says they saw (text only, as given).</param>
/// <param name="WhereFound">Where they came across it.</param>
/// <param name="AlreadyKnown">The network had the URL already: the findings are those of its first report's crawl.</param>
/// <param name="Found">What the crawl found so far.</param>
/// <param name="Score">The points, standing and reasons it is ranked by.</param>
public sealed record TriageEntry(
    Guid Id, Guid ReportId, string Reference, string Url, DateTimeOffset ReceivedAt, string? WhatSeen, string? WhereFound, bool AlreadyKnown,
    TriageFindings Found, TriageScore Score);

/// <summary>
/// The hotline's triage queue: its public reports' URLs still pending, highest score first, the older report first
/// among equal points. Each is scored from the crawl of its URL, or for a URL the network already had, from the crawl
/// of the first report (<see cref="Report.DuplicateOfReportId"/>), which is reused and never repeated.
/// </summary>
/// <remarks>
/// "Known" is what the hotline itself would be told: a decision in force for it (<see cref="DecisionScope"/>), or a
/// match on an entry of a list visible to it whose category maps to a verdict. The queue holds the oldest
/// <see cref="MaxEntries"/> pending URLs, ranked; decide some and the next come in.
/// </remarks>
public sealed class TriageQueue(ClearlineDbContext db)
{
    /// <summary>The most pending URLs scored at once.</summary>
    public const int MaxEntries = 500;

    /// <summary>The queue, ranked; <paramref name="limit"/> entries at most.</summary>
    public async Task<IReadOnlyList<TriageEntry>> ListAsync(Caller caller, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var organisationId = caller.OrganisationId;
        var pending = await db.Set<PublicReportUrl>().AsNoTracking().Where(u => u.OrganisationId == organisationId)
            .Join(db.Set<Report>().Where(r => r.OrganisationId == organisationId && r.Triage == ReportTriage.Pending), u => u.ReportId, r => r.Id, (u, r) => new { u, r })
            .Join(db.Set<PublicReport>(), x => x.u.PublicReportId, p => p.Id, (x, p) => new
            {
                x.u.Id, x.u.PublicReportId, x.u.Position, ReportId = x.r.Id, x.r.Url, x.r.DuplicateOfReportId, p.Reference, p.CreatedAt, p.WhatSeen, p.WhereFound,
            })
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.PublicReportId).ThenBy(x => x.Position).Take(MaxEntries)
            .ToListAsync(ct);
        if (pending.Count == 0)
        {
            return [];
        }

        var candidates = pending.Select(p => p.ReportId).Concat(pending.Where(p => p.DuplicateOfReportId != null).Select(p => p.DuplicateOfReportId!.Value))
            .Distinct().ToList();
        var crawls = (await db.Set<Crawl>().IgnoreQueryFilters().AsNoTracking().Where(c => candidates.Contains(c.ReportId))
                .Select(c => new { c.Id, c.ReportId, c.State, c.JobId, c.CreatedAt }).ToListAsync(ct))
            .GroupBy(c => c.ReportId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.CreatedAt).First());
        var findings = await FindingsAsync(caller, [.. crawls.Values.Select(c => (c.Id, c.State, c.JobId))], ct);

        var entries = pending.Select(p =>
        {
            // The crawl of the URL itself, else the first report's (a duplicate is not crawled again).
            var crawl = crawls.GetValueOrDefault(p.ReportId) ?? (p.DuplicateOfReportId is { } first ? crawls.GetValueOrDefault(first) : null);
            var found = crawl is null ? NotStarted : findings[crawl.Id];
            return new TriageEntry(p.Id, p.ReportId, p.Reference, p.Url, p.CreatedAt, p.WhatSeen, p.WhereFound, p.DuplicateOfReportId is not null,
                found, TriageScores.Score(found));
        });
        // A stable sort: among equal points the pending order stands, the older report first (then the reporter's order).
        return [.. entries.OrderByDescending(e => e.Score.Points).Take(Math.Clamp(limit, 1, MaxEntries))];
    }

    /// <summary>The number of the organisation's public report URLs waiting in triage.</summary>
    public Task<int> CountAsync(Guid organisationId, CancellationToken ct) =>
        db.Set<PublicReportUrl>().Where(u => u.OrganisationId == organisationId)
            .Join(db.Set<Report>().Where(r => r.OrganisationId == organisationId && r.Triage == ReportTriage.Pending), u => u.ReportId, r => r.Id, (u, r) => u.Id)
            .CountAsync(ct);

    private static readonly TriageFindings NotStarted = new(true, false, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>What each crawl found: its fetch counts and its items, sorted by what the caller's hotline knows of them.</summary>
    private async Task<Dictionary<Guid, TriageFindings>> FindingsAsync(Caller caller, IReadOnlyList<(Guid Id, CrawlState State, Guid JobId)> crawls, CancellationToken ct)
    {
        var crawlIds = crawls.Select(c => c.Id).ToList();
        var jobIds = crawls.Select(c => c.JobId).ToList();
        var failedJobs = (await db.Set<Job>().IgnoreQueryFilters().Where(j => jobIds.Contains(j.Id) && j.State == JobState.Failed).Select(j => j.Id).ToListAsync(ct))
            .ToHashSet();
        var fetches = (await db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => crawlIds.Contains(u.CrawlId))
                .GroupBy(u => new { u.CrawlId, u.State }).Select(g => new { g.Key.CrawlId, g.Key.State, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(f => f.CrawlId);
        var items = (await db.Set<MediaOccurrence>().IgnoreQueryFilters().Where(o => crawlIds.Contains(o.CrawlId))
                .Select(o => new { o.CrawlId, o.MediaSha256 }).Distinct().ToListAsync(ct))
            .ToLookup(o => o.CrawlId, o => o.MediaSha256);
        var known = await KnownAsync(caller, [.. items.SelectMany(i => i).Distinct(StringComparer.Ordinal)], ct);

        var result = new Dictionary<Guid, TriageFindings>();
        foreach (var (id, state, jobId) in crawls)
        {
            var failed = state == CrawlState.Failed || (state != CrawlState.Completed && failedJobs.Contains(jobId));
            var checking = !failed && state != CrawlState.Completed;
            var counts = fetches[id].ToDictionary(f => f.State, f => f.Count);
            var found = items[id].Distinct(StringComparer.Ordinal).Select(sha => known.GetValueOrDefault(sha)).ToList();
            result[id] = new TriageFindings(
                checking, failed, counts.Values.Sum(), counts.GetValueOrDefault(UrlFetchState.Fetched), counts.GetValueOrDefault(UrlFetchState.Failed),
                found.Count,
                found.Count(k => k.Verdict == Verdict.Baseline),
                found.Count(k => k.Verdict == Verdict.National),
                found.Count(k => k.Verdict == Verdict.NotIllegal),
                found.Count(k => k.Verdict is null && k.Suggested),
                found.Count(k => k.Verdict is null));
        }

        return result;
    }

    /// <summary>What the hotline knows of each item: the strongest verdict of its decisions in force and its list matches, or a list's suggestion.</summary>
    private async Task<Dictionary<string, Knowledge>> KnownAsync(Caller caller, IReadOnlyList<string> shas, CancellationToken ct)
    {
        var known = new Dictionary<string, Knowledge>(StringComparer.Ordinal);
        if (shas.Count == 0)
        {
            return known;
        }

        var viewer = HashListViewer.For(caller);
        var decisions = await db.Set<MediaClassification>().AsNoTracking().Where(c => shas.Contains(c.MediaSha256))
            .Where(DecisionScope.Covers(db, viewer, caller.CountryCode))
            .Select(c => new { c.MediaSha256, c.Verdict }).ToListAsync(ct);
        foreach (var decision in decisions)
        {
            Learn(known, decision.MediaSha256, decision.Verdict, suggested: false);
        }

        var matches = await db.Set<MediaMatch>().AsNoTracking().Where(m => shas.Contains(m.MediaSha256))
            .Join(db.Set<KnownHash>().Where(h => h.TombstonedAt == null), m => m.KnownHashId, h => h.Id, (m, h) => new { m.MediaSha256, m.HashListId, h.Category })
            .ToListAsync(ct);
        var listIds = matches.Select(m => m.HashListId).Distinct().ToList();
        var lists = await db.Set<HashList>().AsNoTracking().Where(l => listIds.Contains(l.Id) && l.Active).Where(HashListAccess.VisibleTo(viewer))
            .ToDictionaryAsync(l => l.Id, ct);
        foreach (var match in matches)
        {
            if (lists.GetValueOrDefault(match.HashListId) is not { } list)
            {
                continue;
            }

            var rule = list.Mapping.For(match.Category);
            Learn(known, match.MediaSha256, rule.Outcome is CategoryOutcome.Baseline or CategoryOutcome.National ? rule.Verdict : null, rule.Outcome == CategoryOutcome.Suggest);
        }

        return known;
    }

    private static void Learn(Dictionary<string, Knowledge> known, string sha, Verdict? verdict, bool suggested)
    {
        var before = known.GetValueOrDefault(sha);
        known[sha] = new Knowledge(Stronger(before.Verdict, verdict), before.Suggested || suggested);
    }

    /// <summary>Baseline before National before Not illegal.</summary>
    private static Verdict? Stronger(Verdict? a, Verdict? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => (Verdict)Math.Min((int)a.Value, (int)b.Value),
    };

    private readonly record struct Knowledge(Verdict? Verdict, bool Suggested);
}
