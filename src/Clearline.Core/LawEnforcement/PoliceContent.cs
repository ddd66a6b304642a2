using Clearline.Classification;
using Clearline.Crawling;
using Clearline.MediaItems;
using Clearline.Referrals;
using Clearline.Routing;

namespace Clearline.LawEnforcement;

/// <summary>One item of "Illegal content in our country", with the facts a police officer reads beside its blurred preview.</summary>
/// <param name="MediaSha256">The item's address.</param>
/// <param name="Verdict">Its deciding current classification (Baseline before National, the latest of equals); null when undecided (a referred item).</param>
/// <param name="Jurisdiction">The country a National decision applies to.</param>
/// <param name="AgeGroup">The deciding classification's age group.</param>
/// <param name="HostingCountries">Where its content URLs shown here are hosted (the unit's country, or a referred route's).</param>
/// <param name="ContentUrls">Its content URLs hosted in the unit's country, and those a hotline referred to the unit.</param>
/// <param name="FirstFoundAt">When the network first stored the item.</param>
/// <param name="DecidedAt">When its latest current classification was made (first found when undecided): the list's order.</param>
/// <param name="ReferralId">The latest referral of the item to the unit, if a hotline referred it.</param>
public sealed record PoliceContentItem(
    string MediaSha256,
    Verdict? Verdict,
    string? Jurisdiction,
    AgeGroup? AgeGroup,
    IReadOnlyList<string> HostingCountries,
    IReadOnlyList<string> ContentUrls,
    DateTimeOffset FirstFoundAt,
    DateTimeOffset DecidedAt,
    Guid? ReferralId)
{
    public bool Referred => ReferralId is not null;
}

/// <summary>A page of <see cref="PoliceContent"/>; <see cref="NextCursor"/> continues it, null at the end.</summary>
public sealed record PoliceContentPage(IReadOnlyList<PoliceContentItem> Items, string? NextCursor);

/// <summary>
/// "Illegal content in our country": every item a police unit sees (<see cref="PortalAccess.ItemsFor"/>), newest
/// decision first, cursor-paged.
/// </summary>
/// <remarks>
/// Only a police unit's officers and keys get items: for anyone else <see cref="PortalAccess"/> yields nothing. The
/// content URLs and hosting countries shown are only those in the unit's country or referred to it, never where else
/// in the network the same item was found.
/// </remarks>
public sealed class PoliceContent(ClearlineDbContext db, PortalAccess access)
{
    public const int MaxPageSize = 200;

    public async Task<Result<PoliceContentPage>> PageAsync(Officer officer, string? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (ItemCursor.Parse(cursor) is not var (beforeTicks, beforeSha))
        {
            return new InvalidError("cursor", "The cursor is not one this list gave out; start again without one.");
        }

        var size = Math.Clamp(limit, 1, MaxPageSize);
        var visible = access.ItemsFor(officer);
        var current = db.Set<MediaClassification>().Where(c => c.SupersededAt == null);
        var ordered = db.Set<MediaItem>().AsNoTracking()
            .Where(m => visible.Contains(m.Sha256))
            .Select(m => new Listed
            {
                Sha256 = m.Sha256,
                FirstFoundAt = m.FirstSeenAt,
                DecidedAt = current.Where(c => c.MediaSha256 == m.Sha256).Max(c => (DateTimeOffset?)c.ClassifiedAt) ?? m.FirstSeenAt,
            });
        if (beforeSha is not null)
        {
            var before = new DateTimeOffset(beforeTicks, TimeSpan.Zero);
            ordered = ordered.Where(l => l.DecidedAt < before || (l.DecidedAt == before && string.Compare(l.Sha256, beforeSha) < 0));
        }

        var rows = await ordered.OrderByDescending(l => l.DecidedAt).ThenByDescending(l => l.Sha256).Take(size).ToListAsync(ct);
        var items = await DescribeAsync(officer, rows, ct);
        return new PoliceContentPage(items, rows.Count == size ? Cursor(rows[^1]) : null);
    }

    private async Task<List<PoliceContentItem>> DescribeAsync(Officer officer, List<Listed> rows, CancellationToken ct)
    {
        var shas = rows.Select(r => r.Sha256).ToList();
        var decisions = (await db.Set<MediaClassification>().AsNoTracking()
                .Where(c => c.SupersededAt == null && shas.Contains(c.MediaSha256))
                .Select(c => new { c.MediaSha256, c.Verdict, c.Jurisdiction, c.AgeGroup, c.ClassifiedAt, c.Id })
                .ToListAsync(ct))
            .GroupBy(c => c.MediaSha256, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Verdict).ThenByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id).First(), StringComparer.Ordinal);
        var referrals = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.PoliceOrganisationId == officer.OrganisationId && r.MediaSha256 != null && shas.Contains(r.MediaSha256))
            .Select(r => new { Sha256 = r.MediaSha256!, r.Id, r.RouteId, r.CreatedAt })
            .ToListAsync(ct);
        var referredRoutes = referrals.Select(r => r.RouteId).ToList();
        var country = officer.CountryCode;
        var urls = await db.Set<ContentRoute>().AsNoTracking()
            .Where(r => r.CountryCode == country || referredRoutes.Contains(r.Id))
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => u.MediaSha256 != null && shas.Contains(u.MediaSha256)),
                r => r.CrawledUrlId, u => u.Id, (r, u) => new { Sha256 = u.MediaSha256!, u.Url, r.CountryCode })
            .ToListAsync(ct);
        return [.. rows.Select(row =>
        {
            var decision = decisions.GetValueOrDefault(row.Sha256);
            var found = urls.Where(u => u.Sha256 == row.Sha256).ToList();
            var referral = referrals.Where(r => r.Sha256 == row.Sha256).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).FirstOrDefault();
            return new PoliceContentItem(
                row.Sha256,
                decision?.Verdict,
                decision?.Jurisdiction,
                decision?.AgeGroup,
                [.. found.Where(u => u.CountryCode != null).Select(u => u.CountryCode!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. found.Select(u => u.Url).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                row.FirstFoundAt,
                row.DecidedAt,
                referral?.Id);
        })];
    }

    private static string Cursor(Listed last) => ItemCursor.Format(last.DecidedAt, last.Sha256);

    /// <remarks>Set by an initialiser, not a constructor: EF Core translates the queries composed over it.</remarks>
    private sealed class Listed
    {
        public required string Sha256 { get; init; }

        public DateTimeOffset FirstFoundAt { get; init; }

        public DateTimeOffset DecidedAt { get; init; }
    }
}
