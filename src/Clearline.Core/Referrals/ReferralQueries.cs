using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Referrals;

/// <summary>Reads of referrals, always through <see cref="ReferralAccess"/>: the police unit's queue, one referral, the hotline's view of a route.</summary>
public sealed class ReferralQueries(ClearlineDbContext db)
{
    public const int MaxPageSize = 200;

    /// <summary>The party's referrals in <paramref name="state"/> (all when null), oldest first, after <paramref name="cursor"/>.</summary>
    public async Task<ReferralPage> ListAsync(ReferralParty party, ReferralState? state, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var rows = db.Set<Referral>().AsNoTracking().Where(ReferralAccess.VisibleTo(party));
        if (state is { } wanted)
        {
            rows = rows.Where(r => r.State == wanted);
        }

        if (cursor is { } after)
        {
            rows = rows.Where(r => r.Id.CompareTo(after) > 0);
        }

        // Ids are version 7 GUIDs: their order is the order referrals were made in.
        var page = await rows.OrderBy(r => r.Id).Take(limit + 1)
            .Join(db.Set<ContentRoute>().AsNoTracking(), r => r.RouteId, c => c.Id, (r, c) => new { Referral = r, c.CountryCode, c.CrawledUrlId })
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking(), x => x.CrawledUrlId, u => u.Id, (x, u) => new { x.Referral, x.CountryCode, u.Url })
            .Join(db.Set<Organisation>().AsNoTracking(), x => x.Referral.HotlineOrganisationId, o => o.Id, (x, o) => new { x.Referral, x.CountryCode, x.Url, o.Name })
            .OrderBy(x => x.Referral.Id)
            .ToListAsync(ct);
        var items = page.Select(x => new ReferralSummary(
            x.Referral.Id, x.Referral.RouteId, x.Url, x.CountryCode, x.Referral.MediaSha256, x.Referral.Reason, x.Referral.State, x.Referral.CreatedAt,
            x.Referral.HotlineOrganisationId, x.Name, x.Referral.Outcome)).ToList();
        return items.Count > limit ? new ReferralPage(items[..limit], items[limit - 1].Id) : new ReferralPage(items, null);
    }

    public async Task<ReferralCounts> CountsAsync(ReferralParty party, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        var counts = await db.Set<Referral>().AsNoTracking().Where(ReferralAccess.VisibleTo(party))
            .GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(ReferralState state) => counts.FirstOrDefault(c => c.State == state)?.Count ?? 0;
        return new ReferralCounts(Of(ReferralState.New), Of(ReferralState.Accepted), Of(ReferralState.Closed));
    }

    /// <summary>One referral with its feedback and thread; null when it does not exist or the party may not see it.</summary>
    public async Task<ReferralDetail?> FindAsync(ReferralParty party, Guid referralId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        var referral = await db.Set<Referral>().AsNoTracking().Where(ReferralAccess.VisibleTo(party)).FirstOrDefaultAsync(r => r.Id == referralId, ct);
        return referral is null ? null : await DetailAsync(referral, ct);
    }

    /// <summary>
    /// The hotline's referral of a route it sees: its latest referral there, or, when it recorded ReportedToLea but no
    /// police unit received it, why; neither when it never referred it. Null when the route is not one it sees.
    /// </summary>
    public async Task<RouteReferral?> ForRouteAsync(ReferralParty party, RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        if (party.Kind != OrganisationKind.Hotline)
        {
            return null;
        }

        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return null;
        }

        var referral = await db.Set<Referral>().AsNoTracking().Where(ReferralAccess.VisibleTo(party)).Where(r => r.RouteId == routeId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (referral is not null)
        {
            return new RouteReferral(routeId, true, true, null, await DetailAsync(referral, ct));
        }

        var organisationId = party.OrganisationId;
        var reported = await db.Set<TakedownAction>().AsNoTracking()
            .AnyAsync(a => a.RouteId == routeId && a.OrganisationId == organisationId && a.Kind == TakedownActionKind.ReportedToLea, ct);
        if (!reported)
        {
            return new RouteReferral(routeId, false, false, null, null);
        }

        var country = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.CountryCode).FirstOrDefaultAsync(ct);
        return new RouteReferral(routeId, true, false,
            $"No police unit of {country ?? "your country"} is a member of Clearline, so no police unit received this referral; report it to your police by your usual channel.",
            null);
    }

    private async Task<ReferralDetail> DetailAsync(Referral referral, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(r => r.Id == referral.RouteId)
            .Select(r => new { r.CountryCode, r.ServerAddress, r.CrawledUrlId }).FirstAsync(ct);
        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == route.CrawledUrlId).Select(u => u.Url).FirstAsync(ct);
        var decisions = referral.MediaSha256 is { } sha
            ? await db.Set<MediaClassification>().AsNoTracking().Where(c => c.MediaSha256 == sha && c.SupersededAt == null)
                .Select(c => new ReferralDecision(c.Verdict, c.Jurisdiction, c.ClassifiedAt)).ToListAsync(ct)
            : [];
        var feedback = await db.Set<ReferralFeedback>().AsNoTracking().Where(f => f.ReferralId == referral.Id).OrderBy(f => f.Id)
            .Select(f => new ReferralFeedbackView(f.Id, f.Outcome, f.Note, f.Closed, f.At)).ToListAsync(ct);
        var messages = await db.Set<ReferralMessage>().AsNoTracking().Where(m => m.ReferralId == referral.Id).OrderBy(m => m.Id).ToListAsync(ct);
        var ids = messages.Select(m => m.OrganisationId).Append(referral.HotlineOrganisationId).Append(referral.PoliceOrganisationId).Distinct().ToList();
        var names = await db.Set<Organisation>().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new ReferralDetail(
            referral.Id, referral.RouteId, url, route.CountryCode, route.ServerAddress, referral.MediaSha256, referral.Reason, referral.Note,
            referral.State, referral.CreatedAt, referral.AcceptedAt, referral.Outcome, referral.OutcomeAt,
            referral.HotlineOrganisationId, names[referral.HotlineOrganisationId], referral.PoliceOrganisationId, names[referral.PoliceOrganisationId],
            [.. decisions.OrderBy(d => d.ClassifiedAt)], feedback,
            [.. messages.Select(m => new ReferralMessageView(m.Id, m.OrganisationId, names[m.OrganisationId], m.OrganisationId == referral.PoliceOrganisationId, m.Body, m.At))]);
    }
}
