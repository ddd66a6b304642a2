using Clearline.Organisations;

namespace Clearline.Routing;

/// <summary>A country's hotline as routing sees it: the designated one, or the default when none is designated.</summary>
public sealed record DesignationView(string CountryCode, Guid OrganisationId, string OrganisationName, bool IsDefault);

/// <summary>Which hotline receives the content hosted in each country.</summary>
/// <remarks>
/// Only the coordinator designates: it runs the network's routing, and a hotline designating itself (or another)
/// would move other hotlines' work. A designation names a hotline of that same country, because a hotline acts
/// under its own country's law and with its own country's hosts and police.
/// </remarks>
public sealed class HotlineDesignations(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<DesignationView>> SetAsync(RouteViewer caller, string countryCode, Guid organisationId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsCoordinator)
        {
            return new RoutingRefused("Only the coordinator designates a country's hotline.");
        }

        var country = countryCode.Trim().ToUpperInvariant();
        if (!CountryCodes.IsAssigned(country))
        {
            return new InvalidError("countryCode", $"'{countryCode}' is not an ISO 3166-1 alpha-2 country code.");
        }

        var hotline = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (hotline is null || hotline.Kind != OrganisationKind.Hotline)
        {
            return new InvalidError("organisationId", "The designated organisation must be a member hotline.");
        }

        if (hotline.CountryCode != country)
        {
            return new InvalidError("organisationId", $"The designated hotline is in {hotline.CountryCode}, not {country}.");
        }

        var designation = await db.Set<HotlineDesignation>().FirstOrDefaultAsync(d => d.CountryCode == country, ct);
        if (designation is null)
        {
            designation = new HotlineDesignation { CountryCode = country };
            db.Add(designation);
        }

        designation.OrganisationId = hotline.Id;
        designation.DesignatedAt = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.HotlineDesignated, actor, caller.OrganisationId, $"org:{hotline.Id:D}", Detail: $"country={country}"), ct);
        await transaction.CommitAsync(ct);
        return new DesignationView(country, hotline.Id, hotline.Name, IsDefault: false);
    }

    /// <summary>Every country that has a hotline, with the hotline its content is routed to, ordered by country.</summary>
    public async Task<IReadOnlyList<DesignationView>> ListAsync(CancellationToken ct)
    {
        var designated = await db.Set<HotlineDesignation>().AsNoTracking()
            .Join(db.Set<Organisation>(), d => d.OrganisationId, o => o.Id, (d, o) => new DesignationView(d.CountryCode, o.Id, o.Name, false))
            .ToListAsync(ct);
        var hotlines = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Hotline && o.CountryCode != null)
            .Select(o => new { o.Id, o.Name, CountryCode = o.CountryCode!, o.CreatedAt })
            .ToListAsync(ct);
        var defaults = hotlines
            .GroupBy(o => o.CountryCode, StringComparer.Ordinal)
            .Where(g => designated.All(d => d.CountryCode != g.Key))
            .Select(g => g.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).First())
            .Select(o => new DesignationView(o.CountryCode, o.Id, o.Name, IsDefault: true));
        return [.. designated.Concat(defaults).OrderBy(d => d.CountryCode, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The hotline that receives content hosted in <paramref name="countryCode"/>: the designated one, or else the
    /// country's oldest hotline (the first to join is the established one); null when the network has no hotline
    /// there or the country is unknown.
    /// </summary>
    public async Task<Guid?> ResolveAsync(string? countryCode, CancellationToken ct)
    {
        if (countryCode is null)
        {
            return null;
        }

        var designated = await db.Set<HotlineDesignation>().Where(d => d.CountryCode == countryCode).Select(d => (Guid?)d.OrganisationId).FirstOrDefaultAsync(ct);
        return designated ?? await db.Set<Organisation>()
            .Where(o => o.Kind == OrganisationKind.Hotline && o.CountryCode == countryCode)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)
            .Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(ct);
    }
}
