using Clearline.Events;

namespace Clearline.Organisations;

/// <summary>A member hotline as the coordinator's screens list it.</summary>
public sealed record MemberHotline(Guid Id, string Name, string? CountryCode);

public sealed record NewOrganisation(string Name, OrganisationKind Kind, string? CountryCode, string? LawProfile = null);

/// <summary>Creates and finds the network's member organisations.</summary>
public sealed partial class OrganisationDirectory(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, TimeProvider time, EventAnnouncer events)
{
    public async Task<Result<Organisation>> CreateAsync(NewOrganisation request, AuditActor actor, CancellationToken ct)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            return new InvalidError("name", "The organisation name must be 1 to 200 characters.");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            return new InvalidError("kind", "Unknown organisation kind.");
        }

        var country = string.IsNullOrWhiteSpace(request.CountryCode) ? null : request.CountryCode.Trim().ToUpperInvariant();
        var countryError = ValidateCountry(request.Kind, country);
        if (countryError is not null)
        {
            return countryError;
        }

        if (await db.Set<Organisation>().AnyAsync(o => o.Name == name, ct))
        {
            return new ConflictError($"An organisation named '{name}' already exists.");
        }

        var organisation = new Organisation
        {
            Name = name,
            Kind = request.Kind,
            CountryCode = country,
            LawProfile = string.IsNullOrWhiteSpace(request.LawProfile) ? null : request.LawProfile.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(organisation);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.OrganisationCreated, actor, organisation.Id, $"org:{organisation.Id}"), ct);
        await transaction.CommitAsync(ct);
        return organisation;
    }

    public Task<Organisation?> FindByNameAsync(string name, CancellationToken ct) =>
        db.Set<Organisation>().FirstOrDefaultAsync(o => o.Name == name.Trim(), ct);

    public Task<Organisation?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>Every member hotline, by country then name. Names and countries of members are the network's to know.</summary>
    public async Task<IReadOnlyList<MemberHotline>> HotlinesAsync(CancellationToken ct)
    {
        var hotlines = await db.Set<Organisation>().AsNoTracking().Where(o => o.Kind == OrganisationKind.Hotline)
            .Select(o => new MemberHotline(o.Id, o.Name, o.CountryCode)).ToListAsync(ct);
        return [.. hotlines.OrderBy(h => h.CountryCode, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal)];
    }

    /// <summary>The names of the given organisations, by id, for screens that say who decided or acted.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await db.Set<Organisation>().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

    /// <remarks>
    /// INTERPOL and the coordinator act for the whole network and have no country; every national member
    /// (hotline, police) must have one, because routing and police visibility are decided by country.
    /// </remarks>
    private static InvalidError? ValidateCountry(OrganisationKind kind, string? country) => kind switch
    {
        OrganisationKind.Interpol or OrganisationKind.Coordinator when country is not null =>
            new InvalidError("country", $"A {kind} organisation has no country."),
        OrganisationKind.Hotline or OrganisationKind.LawEnforcement when country is null =>
            new InvalidError("country", $"A {kind} organisation needs an ISO 3166-1 alpha-2 country code."),
        _ when country is not null && !CountryCodes.IsAssigned(country) =>
            new InvalidError("country", $"'{country}' is not an ISO 3166-1 alpha-2 country code."),
        _ => null,
    };
}
