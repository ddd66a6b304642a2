using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Escalation;
using Clearline.Icse;
using Clearline.InvestigationHolds;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.Referrals;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Statistics;

/// <summary>
/// The statistics of the law-enforcement portals: a police unit's referrals (received, by reason, time from first
/// report to referral and from referral to feedback) and the illegal items hosted in its country; INTERPOL's Baseline
/// and National items network-wide by deciding country.
/// </summary>
/// <remarks>
/// Only police units and INTERPOL get figures here; anyone else is refused. A police unit counts only its own referrals
/// and the items <see cref="PortalAccess"/> shows it; INTERPOL counts the items its portal shows it anyway (every
/// Baseline and National item). Only aggregates leave this class. Percentiles are nearest-rank (<see cref="NearestRank"/>).
/// </remarks>
public sealed class LawEnforcementStatistics(ClearlineDbContext db)
{
    public async Task<Result<LawEnforcementFigures>> ComputeAsync(Officer officer, StatisticsPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(period);
        if (officer.IsPolice)
        {
            return new LawEnforcementFigures(LawEnforcementFigures.PoliceScope, period.From, period.To, await PoliceAsync(officer, period, ct), null,
                await InvestigationHoldsPlacedAsync(officer, period, ct), await ItemsEscalatedAsync(officer, period, ct), null);
        }

        if (officer.IsInterpol)
        {
            return new LawEnforcementFigures(LawEnforcementFigures.InterpolScope, period.From, period.To, null, await InterpolAsync(period, ct),
                null, await ItemsEscalatedAsync(officer, period, ct), await ItemsHandedToIcseAsync(period, ct));
        }

        return new RefusedError("These figures are for police units and INTERPOL; a hotline's figures are under scope=hotline or network.");
    }

    /// <summary>Investigation holds the police unit placed in the period.</summary>
    private async Task<int?> InvestigationHoldsPlacedAsync(Officer officer, StatisticsPeriod period, CancellationToken ct) =>
        await db.Set<InvestigationHold>().CountAsync(h => h.OrganisationId == officer.OrganisationId && h.PlacedAt >= period.From && h.PlacedAt < period.To, ct);

    /// <summary>Items escalated for victim identification in the period (a police unit: through its referrals; INTERPOL: all).</summary>
    private async Task<int?> ItemsEscalatedAsync(Officer officer, StatisticsPeriod period, CancellationToken ct) => officer.IsInterpol
        ? await db.Set<ItemEscalation>().CountAsync(e => e.OpenedAt >= period.From && e.OpenedAt < period.To, ct)
        : await db.Set<EscalationCause>().Where(c => c.PoliceOrganisationId == officer.OrganisationId && c.At >= period.From && c.At < period.To)
            .Select(c => c.EscalationId).Distinct().CountAsync(ct);

    /// <summary>Items first handed over to ICSE in the period (a re-export of an item counts it once, when first handed over).</summary>
    private async Task<int?> ItemsHandedToIcseAsync(StatisticsPeriod period, CancellationToken ct)
    {
        var first = db.Set<IcseBatchItem>().Join(db.Set<IcseBatch>(), i => i.BatchId, b => b.Id, (i, b) => new { i.MediaSha256, b.CreatedAt })
            .GroupBy(x => x.MediaSha256).Select(g => g.Min(x => x.CreatedAt));
        return await first.CountAsync(at => at >= period.From && at < period.To, ct);
    }

    private async Task<PoliceFigures> PoliceAsync(Officer officer, StatisticsPeriod period, CancellationToken ct)
    {
        var referrals = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.PoliceOrganisationId == officer.OrganisationId && r.CreatedAt >= period.From && r.CreatedAt < period.To)
            .Join(db.Set<ContentRoute>().AsNoTracking(), r => r.RouteId, route => route.Id, (r, route) => new { Referral = r, Route = route })
            .ToListAsync(ct);
        var toReferral = new List<TimeSpan>(referrals.Count);
        foreach (var referral in referrals)
        {
            var firstReport = await FirstReports.ReceivedAtAsync(db, referral.Route, ct);
            toReferral.Add(referral.Referral.CreatedAt - firstReport);
        }

        var toFeedback = referrals.Where(r => r.Referral.OutcomeAt is not null).Select(r => r.Referral.OutcomeAt!.Value - r.Referral.CreatedAt).ToList();
        var byReason = referrals.GroupBy(r => r.Referral.Reason)
            .Select(g => new StatisticsBucket(g.Key.ToString(), g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();
        return new PoliceFigures(
            referrals.Count,
            byReason,
            AtRank(toReferral, 50),
            AtRank(toReferral, 90),
            toFeedback.Count,
            AtRank(toFeedback, 50),
            AtRank(toFeedback, 90),
            await IllegalHostedHereAsync(officer, period, ct));
    }

    /// <summary>Items whose current classification made in the period is Baseline, or National in the unit's country, hosted in its country.</summary>
    private Task<int> IllegalHostedHereAsync(Officer officer, StatisticsPeriod period, CancellationToken ct)
    {
        var country = officer.CountryCode;
        var decided = db.Set<MediaClassification>()
            .Where(c => c.SupersededAt == null && c.ClassifiedAt >= period.From && c.ClassifiedAt < period.To
                && (c.Verdict == Verdict.Baseline || (c.Verdict == Verdict.National && c.Jurisdiction == country)))
            .Select(c => c.MediaSha256);
        var hostedHere = db.Set<ContentRoute>().Where(r => r.CountryCode == country)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => u.MediaSha256);
        return decided.Where(s => hostedHere.Contains(s)).Distinct().CountAsync(ct);
    }

    /// <summary>Each item's deciding classification (Baseline before National, the latest of equals), counted when made in the period.</summary>
    private async Task<InterpolFigures> InterpolAsync(StatisticsPeriod period, CancellationToken ct)
    {
        var illegal = db.Set<MediaClassification>().AsNoTracking()
            .Where(c => c.SupersededAt == null && (c.Verdict == Verdict.Baseline || c.Verdict == Verdict.National));
        var inPeriod = illegal.Where(c => c.ClassifiedAt >= period.From && c.ClassifiedAt < period.To).Select(c => c.MediaSha256);
        var candidates = await illegal.Where(c => inPeriod.Contains(c.MediaSha256))
            .GroupJoin(db.Set<Organisation>().IgnoreQueryFilters(), c => c.OrganisationId, o => (Guid?)o.Id, (c, o) => new { c, o })
            .SelectMany(x => x.o.DefaultIfEmpty(), (x, o) => new { x.c.MediaSha256, x.c.Verdict, x.c.ClassifiedAt, x.c.Id, Country = o == null ? null : o.CountryCode })
            .ToListAsync(ct);
        var deciding = candidates.GroupBy(c => c.MediaSha256, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.Verdict).ThenByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id).First())
            .Where(c => c.ClassifiedAt >= period.From && c.ClassifiedAt < period.To)
            .ToList();
        var byCountry = deciding.GroupBy(c => c.Country ?? StatisticsQueries.UnknownCountry, StringComparer.Ordinal)
            .Select(g => new StatisticsBucket(g.Key, g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();
        return new InterpolFigures(deciding.Count(c => c.Verdict == Verdict.Baseline), deciding.Count(c => c.Verdict == Verdict.National), byCountry);
    }

    private static TimeSpan? AtRank(List<TimeSpan> values, int percentile)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return values[NearestRank.Rank(percentile, values.Count) - 1];
    }
}
