namespace Clearline.Organisations;

/// <summary>What the coordinator changes about an organisation; null leaves a field as it is, "" clears the law profile.</summary>
/// <remarks>The kind is not here: it decides which roles and keys the organisation's members hold, so it is fixed at creation.</remarks>
public sealed record OrganisationChanges(string? Name = null, string? CountryCode = null, string? LawProfile = null);

/// <summary>The coordinator's changes to member organisations: rename, country, law profile, deactivate and reactivate.</summary>
public sealed partial class OrganisationDirectory
{
    public Task<Result<Organisation>> CreateAsync(NewOrganisation request, NetworkAdministrator administrator, CancellationToken ct) =>
        CreateAsync(request, administrator.Actor, ct);

    /// <summary>Every organisation of the network, active or not, by kind then name: the coordinator's list.</summary>
    public async Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken ct)
    {
        var all = await db.Set<Organisation>().AsNoTracking().ToListAsync(ct);
        return [.. all.OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<Result<Organisation>> ChangeAsync(Guid id, OrganisationChanges changes, NetworkAdministrator administrator, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return new NotFoundError("No such organisation.");
        }

        var events = new List<(AuditAction Action, string Detail)>();
        if (changes.Name is not null)
        {
            var name = changes.Name.Trim();
            if (name.Length is 0 or > 200)
            {
                return new InvalidError("name", "The organisation name must be 1 to 200 characters.");
            }

            if (name != organisation.Name)
            {
                if (await db.Set<Organisation>().AnyAsync(o => o.Name == name && o.Id != id, ct))
                {
                    return new ConflictError($"An organisation named '{name}' already exists.");
                }

                organisation.Name = name;
                events.Add((AuditAction.OrganisationRenamed, "name"));
            }
        }

        if (changes.CountryCode is not null)
        {
            var country = changes.CountryCode.Trim().ToUpperInvariant() is { Length: > 0 } code ? code : null;
            if (ValidateCountry(organisation.Kind, country) is { } invalid)
            {
                return invalid;
            }

            if (country != organisation.CountryCode)
            {
                events.Add((AuditAction.OrganisationCountryChanged, $"country={organisation.CountryCode ?? "none"}->{country ?? "none"}"));
                organisation.CountryCode = country;
            }
        }

        if (changes.LawProfile is not null)
        {
            var profile = changes.LawProfile.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (profile?.Length > 100)
            {
                return new InvalidError("lawProfile", "The law profile name must be at most 100 characters.");
            }

            if (profile != organisation.LawProfile)
            {
                organisation.LawProfile = profile;
                events.Add((AuditAction.OrganisationLawProfileChanged, $"lawProfile={profile ?? "none"}"));
            }
        }

        return await SaveAsync(organisation, administrator, events, ct);
    }

    /// <summary>
    /// Ends the organisation's membership: its people cannot sign in and their sessions end now, its keys act for
    /// nobody (see <c>Callers</c>). Its data stays, and <see cref="ReactivateAsync"/> undoes it.
    /// </summary>
    /// <remarks>The coordinator cannot deactivate itself: nobody could reactivate it except the operator.</remarks>
    public async Task<Result<Organisation>> DeactivateAsync(Guid id, NetworkAdministrator administrator, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return new NotFoundError("No such organisation.");
        }

        if (administrator.OrganisationId == id)
        {
            return new ConflictError("The coordinator cannot deactivate its own organisation.");
        }

        if (!organisation.IsActive)
        {
            return organisation;
        }

        organisation.DeactivatedAt = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        await events.AnnounceAsync(new OrganisationDeactivated(organisation.Id), ct);
        var saved = await SaveAsync(organisation, administrator, [(AuditAction.OrganisationDeactivated, "deactivated")], ct);
        await transaction.CommitAsync(ct);
        return saved;
    }

    public async Task<Result<Organisation>> ReactivateAsync(Guid id, NetworkAdministrator administrator, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return new NotFoundError("No such organisation.");
        }

        if (organisation.IsActive)
        {
            return organisation;
        }

        organisation.DeactivatedAt = null;
        return await SaveAsync(organisation, administrator, [(AuditAction.OrganisationReactivated, "reactivated")], ct);
    }

    private async Task<Result<Organisation>> SaveAsync(
        Organisation organisation, NetworkAdministrator administrator, List<(AuditAction Action, string Detail)> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return organisation;
        }

        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var (action, detail) in events)
        {
            await audit.AppendAsync(new AuditEvent(action, administrator.Actor, organisation.Id, $"org:{organisation.Id}", Detail: detail), ct);
        }

        await transaction.CommitAsync(ct);
        return organisation;
    }
}
