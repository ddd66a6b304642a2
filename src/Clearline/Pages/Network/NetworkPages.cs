using Clearline.Database;
using Clearline.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Pages.Network;

/// <summary>A member hotline as the coordinator's screens list it.</summary>
public sealed record HotlineChoice(Guid Id, string Name, string? CountryCode);

/// <summary>What the coordinator's network screens share: the member hotlines to choose from.</summary>
public static class NetworkPages
{
    /// <summary>Every member hotline, by country then name. Names and countries of members are the network's to know.</summary>
    public static async Task<IReadOnlyList<HotlineChoice>> HotlinesAsync(ClearlineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hotlines = await db.Set<Organisation>().AsNoTracking().Where(o => o.Kind == OrganisationKind.Hotline)
            .Select(o => new HotlineChoice(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);
        return [.. hotlines.OrderBy(h => h.CountryCode, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal)];
    }
}
