using Clearline.Classification;
using Clearline.Crawling;
using Clearline.MediaItems;
using Clearline.Referrals;
using Clearline.Routing;

namespace Clearline.LawEnforcement;

/// <summary>
/// The one rule for which media items a police unit or INTERPOL sees. Every portal query of items goes through
/// <see cref="ItemsFor"/>; an item outside it answers 404, exactly like one that does not exist.
/// </summary>
/// <remarks>
/// <para>A police unit sees what is illegal under its country's law and hosted in its country: items whose current
/// decision is Baseline, or National in its country, found at a content URL routed with its country as the hosting
/// country; and every item a hotline referred to it, whatever the decision.</para>
/// <para>INTERPOL sees every item whose current decision is Baseline or National, network-wide.</para>
/// <para>Everyone else (hotlines, the coordinator, industry) sees nothing here: hotlines have their own rule
/// (<see cref="FoundItems"/>).</para>
/// </remarks>
public sealed class PortalAccess(ClearlineDbContext db)
{
    /// <summary>The addresses of the items <paramref name="officer"/> may see (each once).</summary>
    public IQueryable<string> ItemsFor(Officer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var items = db.Set<MediaItem>().Select(m => m.Sha256);
        if (officer.IsInterpol)
        {
            var illegal = db.Set<MediaClassification>()
                .Where(c => c.SupersededAt == null && (c.Verdict == Verdict.Baseline || c.Verdict == Verdict.National))
                .Select(c => c.MediaSha256);
            return items.Where(s => illegal.Contains(s));
        }

        if (!officer.IsPolice)
        {
            return items.Where(_ => false);
        }

        var country = officer.CountryCode;
        var organisationId = officer.OrganisationId;
        var illegalHere = db.Set<MediaClassification>()
            .Where(c => c.SupersededAt == null && (c.Verdict == Verdict.Baseline || (c.Verdict == Verdict.National && c.Jurisdiction == country)))
            .Select(c => c.MediaSha256);
        var hostedHere = db.Set<ContentRoute>().Where(r => r.CountryCode == country)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => u.MediaSha256);
        var referred = db.Set<Referral>().Where(r => r.PoliceOrganisationId == organisationId).Select(r => r.MediaSha256);
        return items.Where(s => (illegalHere.Contains(s) && hostedHere.Contains(s)) || referred.Contains(s));
    }

    public Task<bool> ContainsAsync(Officer officer, string mediaSha256, CancellationToken ct) =>
        ItemsFor(officer).AnyAsync(s => s == mediaSha256, ct);
}
