using Clearline.Crawling;
using Clearline.Identity;
using Clearline.LawEnforcement;
using Clearline.Matching;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.Deconfliction;

/// <summary>What two interests share, strongest first.</summary>
public enum OverlapKind
{
    /// <summary>The same item (SHA-256).</summary>
    SameItem = 1,

    /// <summary>Items that matched the same known-hash entry of a hash list.</summary>
    SameHash = 2,

    /// <summary>Items found on the same site (host name of the content URL).</summary>
    SameSite = 3,
}

/// <summary>Another organisation's interest as an officer sees it: who, since when, how, a contact; never notes.</summary>
/// <remarks><c>Site</c>: the shared host name, for <see cref="OverlapKind.SameSite"/> only.</remarks>
public sealed record OtherInterest(
    OverlapKind Kind, Guid OrganisationId, string Organisation, OrganisationKind OrganisationKind, InterestSource Source, DateTimeOffset Since, string Contact, string? Site);

/// <summary>An officer's view of the interests around one item: its own (if any) and the others'.</summary>
public sealed record ItemInterests(string MediaSha256, DateTimeOffset? OursSince, string? OurContact, IReadOnlyList<OtherInterest> Others)
{
    public bool Ours => OursSince is not null;
}

/// <summary>One party to an overlap, for the coordinator.</summary>
public sealed record OverlapParty(Guid OrganisationId, string Organisation, OrganisationKind OrganisationKind, InterestSource Source, DateTimeOffset Since);

/// <summary>A current overlap for the coordinator: on what (an item's SHA-256, a host name, a known-hash entry's id), who, since when.</summary>
public sealed record NetworkOverlap(OverlapKind Kind, string On, DateTimeOffset Since, IReadOnlyList<OverlapParty> Parties);

/// <summary>
/// Deconfliction's reads: for an officer and an item, the other organisations with a current interest in the same item,
/// the same matched hash or the same site; for the coordinator, every current overlap.
/// </summary>
/// <remarks>
/// <para>An officer asks only about an item its organisation sees (<see cref="PortalAccess"/>); any other item, and every
/// caller that is neither a police unit nor INTERPOL, gets 404. What it learns of the others is their organisation, how
/// and since when they are interested and their contact line: never their notes, their items or their URLs.</para>
/// <para>Sites and hash matches are derived from the crawled URLs (read past the tenant filter: the interest concerns the
/// item wherever a hotline found it) and the matches, for the current interests only, which are few.</para>
/// </remarks>
public sealed class Overlaps(ClearlineDbContext db, PortalAccess access)
{
    public async Task<Result<ItemInterests>> ForItemAsync(Officer officer, string mediaSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!IsSha256(mediaSha256))
        {
            return new InvalidError("item", "The item is its SHA-256: 64 lowercase hexadecimal characters.");
        }

        if (!await access.ContainsAsync(officer, mediaSha256, ct))
        {
            return new NotFoundError("No such item, or not one your organisation may see.");
        }

        var interests = await CurrentAsync(ct);
        var ours = interests.FirstOrDefault(i => i.Interest.OrganisationId == officer.OrganisationId && i.Interest.MediaSha256 == mediaSha256);
        var facets = await FacetsAsync([mediaSha256, .. interests.Select(i => i.Interest.MediaSha256)], ct);
        var mine = facets[mediaSha256];
        var others = new List<OtherInterest>();
        foreach (var (interest, name, kind) in interests.Where(i => i.Interest.OrganisationId != officer.OrganisationId))
        {
            var theirs = facets[interest.MediaSha256];
            OverlapKind? shared = interest.MediaSha256 == mediaSha256 ? OverlapKind.SameItem
                : mine.Hashes.Overlaps(theirs.Hashes) ? OverlapKind.SameHash
                : mine.Sites.Overlaps(theirs.Sites) ? OverlapKind.SameSite
                : null;
            if (shared is { } k)
            {
                var site = k == OverlapKind.SameSite ? mine.Sites.Intersect(theirs.Sites).Order(StringComparer.Ordinal).First() : null;
                others.Add(new OtherInterest(k, interest.OrganisationId, name, kind, interest.Source, interest.Since, interest.Contact ?? name, site));
            }
        }

        // One line per organisation: its strongest overlap, then its earliest interest.
        var perOrganisation = others.GroupBy(o => o.OrganisationId).Select(g => g.OrderBy(o => o.Kind).ThenBy(o => o.Since).First())
            .OrderBy(o => o.Kind).ThenBy(o => o.Since).ToList();
        return new ItemInterests(mediaSha256, ours?.Interest.Since, ours?.Interest.Contact, perOrganisation);
    }

    /// <summary>Every current overlap of two or more organisations, the most recent first.</summary>
    /// <remarks>
    /// A site or hash shared only through one item is left out: that is already the item's overlap. Only for the
    /// coordinator (its people with ManageNetwork, its keys), who sees the network's overlaps but no content; anyone
    /// else is refused.
    /// </remarks>
    public async Task<Result<IReadOnlyList<NetworkOverlap>>> ListAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsCoordinator && !caller.Has(Permission.ManageNetwork))
        {
            return new RefusedError("Only the network's coordinator sees the overlaps between organisations' interests.");
        }

        var interests = await CurrentAsync(ct);
        var facets = await FacetsAsync(interests.Select(i => i.Interest.MediaSha256), ct);
        var subjects = new List<(OverlapKind Kind, string On, CurrentInterest Interest)>();
        foreach (var current in interests)
        {
            var facet = facets[current.Interest.MediaSha256];
            subjects.Add((OverlapKind.SameItem, current.Interest.MediaSha256, current));
            subjects.AddRange(facet.Hashes.Select(h => (OverlapKind.SameHash, h.ToString(System.Globalization.CultureInfo.InvariantCulture), current)));
            subjects.AddRange(facet.Sites.Select(s => (OverlapKind.SameSite, s, current)));
        }

        List<NetworkOverlap> overlaps =
        [
            .. subjects.GroupBy(s => (s.Kind, s.On))
                .Where(g => g.Select(s => s.Interest.Interest.OrganisationId).Distinct().Count() > 1
                    && (g.Key.Kind == OverlapKind.SameItem || g.Select(s => s.Interest.Interest.MediaSha256).Distinct().Count() > 1))
                .Select(g => Overlap(g.Key.Kind, g.Key.On, g.Select(s => s.Interest)))
                .OrderByDescending(o => o.Since).ThenBy(o => o.Kind).ThenBy(o => o.On, StringComparer.Ordinal),
        ];
        return overlaps;
    }

    /// <summary>Whether <paramref name="value"/> is a SHA-256 as items are addressed: 64 lowercase hexadecimal characters.</summary>
    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static NetworkOverlap Overlap(OverlapKind kind, string on, IEnumerable<CurrentInterest> interests)
    {
        var parties = interests.GroupBy(i => i.Interest.OrganisationId)
            .Select(g => g.OrderBy(i => i.Interest.Since).First())
            .Select(i => new OverlapParty(i.Interest.OrganisationId, i.Name, i.Kind, i.Interest.Source, i.Interest.Since))
            .OrderBy(p => p.Since).ToList();
        // The overlap began when its second party joined.
        return new NetworkOverlap(kind, on, parties[1].Since, parties);
    }

    private sealed record CurrentInterest(Interest Interest, string Name, OrganisationKind Kind);

    private sealed record Facets(HashSet<long> Hashes, HashSet<string> Sites);

    private async Task<List<CurrentInterest>> CurrentAsync(CancellationToken ct)
    {
        var rows = await db.Set<Interest>().AsNoTracking().Where(i => i.WithdrawnAt == null)
            .Join(db.Set<Organisation>(), i => i.OrganisationId, o => o.Id, (i, o) => new { Interest = i, o.Name, o.Kind })
            .ToListAsync(ct);
        return [.. rows.Select(r => new CurrentInterest(r.Interest, r.Name, r.Kind)).OrderBy(r => r.Interest.Since)];
    }

    private async Task<Dictionary<string, Facets>> FacetsAsync(IEnumerable<string> items, CancellationToken ct)
    {
        var shas = items.Distinct(StringComparer.Ordinal).ToList();
        var facets = shas.ToDictionary(s => s, _ => new Facets([], new HashSet<string>(StringComparer.OrdinalIgnoreCase)), StringComparer.Ordinal);
        var urls = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.MediaSha256 != null && shas.Contains(u.MediaSha256))
            .Select(u => new { Sha = u.MediaSha256!, u.Url }).Distinct().ToListAsync(ct);
        foreach (var url in urls)
        {
            if (Uri.TryCreate(url.Url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                facets[url.Sha].Sites.Add(uri.Host.ToLowerInvariant());
            }
        }

        var matches = await db.Set<MediaMatch>().AsNoTracking()
            .Where(m => shas.Contains(m.MediaSha256) && m.Review != MatchReview.Wrong)
            .Select(m => new { Sha = m.MediaSha256, m.KnownHashId }).Distinct().ToListAsync(ct);
        foreach (var match in matches)
        {
            facets[match.Sha].Hashes.Add(match.KnownHashId);
        }

        return facets;
    }
}
