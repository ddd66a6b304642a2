using Clearline.Referrals;

namespace Clearline.Statistics;

/// <summary>A hotline's referrals to police made in a period, and what became of them: the latest feedback of each, by outcome.</summary>
/// <param name="Referrals">Referrals the hotline made in the period.</param>
/// <param name="WithFeedback">Of those, the referrals on which the police gave feedback.</param>
/// <param name="ByOutcome">The latest outcome of each referral with feedback, counted (every outcome, zero included).</param>
public sealed record ReferralFigures(int Referrals, int WithFeedback, IReadOnlyList<StatisticsBucket> ByOutcome);

/// <summary>The referral figures of a hotline: only its own referrals, as aggregates.</summary>
public sealed class ReferralStatistics(ClearlineDbContext db)
{
    public async Task<ReferralFigures> ComputeAsync(Guid hotlineId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var made = db.Set<Referral>().AsNoTracking().Where(r => r.HotlineOrganisationId == hotlineId && r.CreatedAt >= from && r.CreatedAt < to);
        var count = await made.CountAsync(ct);
        var outcomes = await made.Where(r => r.Outcome != null).GroupBy(r => r.Outcome!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new ReferralFigures(count, outcomes.Sum(o => o.Count),
            [.. Enum.GetValues<ReferralOutcome>().Select(o => new StatisticsBucket(o.ToString(), outcomes.FirstOrDefault(x => x.Key == o)?.Count ?? 0))]);
    }
}
