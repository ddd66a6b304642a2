using Clearline.Audit;
using Clearline.Database;
using Clearline.Results;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Organisations;

public sealed record NewOrganisation(string Name, OrganisationKind Kind, string? CountryCode, string? LawProfile = null);

/// <summary>Creates and finds the network's member organisations.</summary>
public sealed class OrganisationDirectory(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<Organisation>> CreateAsync(NewOrganisation request, AuditActor actor, CancellationToken ct)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            return new Invalid("name", "The organisation name must be 1 to 200 characters.");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            return new Invalid("kind", "Unknown organisation kind.");
        }

        var country = string.IsNullOrWhiteSpace(request.CountryCode) ? null : request.CountryCode.Trim().ToUpperInvariant();
        var countryError = ValidateCountry(request.Kind, country);
        if (countryError is not null)
        {
            return countryError;
        }

        if (await db.Set<Organisation>().AnyAsync(o => o.Name == name, ct))
        {
            return new Conflict($"An organisation named '{name}' already exists.");
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

    /// <remarks>
    /// INTERPOL and the coordinator act for the whole network and have no country; every national member
    /// (hotline, police) must have one, because routing and police visibility are decided by country.
    /// </remarks>
    private static Invalid? ValidateCountry(OrganisationKind kind, string? country) => kind switch
    {
        OrganisationKind.Interpol or OrganisationKind.Coordinator when country is not null =>
            new Invalid("country", $"A {kind} organisation has no country."),
        OrganisationKind.Hotline or OrganisationKind.LawEnforcement when country is null =>
            new Invalid("country", $"A {kind} organisation needs an ISO 3166-1 alpha-2 country code."),
        _ when country is not null && !CountryCodes.IsAssigned(country) =>
            new Invalid("country", $"'{country}' is not an ISO 3166-1 alpha-2 country code."),
        _ => null,
    };
}
