using Clearline.LawEnforcement;

namespace Clearline.Deconfliction;

/// <summary>Registers and withdraws interests: from the portals' events (<see cref="InterestObservers"/>) and by hand.</summary>
/// <remarks>
/// By hand only for an item the officer's organisation sees (<see cref="PortalAccess"/>): anyone else, and every
/// organisation that is neither a police unit nor INTERPOL, gets 404, so declaring reveals nothing about an item.
/// </remarks>
public sealed class Interests(ClearlineDbContext db, PortalAccess access, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    /// <summary>"We have an interest in this item", with an optional contact line for the others.</summary>
    public async Task<Result<Interest>> DeclareAsync(Officer officer, string mediaSha256, string? contact, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (contact is { Length: > Interest.MaxContactLength })
        {
            return new InvalidError("contact", $"The contact line has at most {Interest.MaxContactLength} characters: shorten it.");
        }

        if (!Overlaps.IsSha256(mediaSha256))
        {
            return new InvalidError("item", "The item is its SHA-256: 64 lowercase hexadecimal characters.");
        }

        if (!await access.ContainsAsync(officer, mediaSha256, ct))
        {
            return NoSuchItem;
        }

        await using var transaction = await work.BeginAsync(ct);
        var interest = await RegisterAsync(officer.OrganisationId, mediaSha256, InterestSource.Declared, null, contact, officer.Actor, ct);
        await transaction.CommitAsync(ct);
        return interest;
    }

    /// <summary>Ends the officer's organisation's current interest in the item, whatever made it.</summary>
    public async Task<Result<Interest>> WithdrawAsync(Officer officer, string mediaSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!Overlaps.IsSha256(mediaSha256) || !await access.ContainsAsync(officer, mediaSha256, ct))
        {
            return NoSuchItem;
        }

        await using var transaction = await work.BeginAsync(ct);
        var interest = await db.Set<Interest>()
            .FirstOrDefaultAsync(i => i.OrganisationId == officer.OrganisationId && i.MediaSha256 == mediaSha256 && i.WithdrawnAt == null, ct);
        if (interest is null)
        {
            return new ConflictError("Your organisation has no current interest in this item: there is nothing to withdraw.");
        }

        interest.WithdrawnAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.InterestWithdrawn, officer.Actor, officer.OrganisationId, $"interest:{interest.Id:D}", Detail: interest.Source.ToString()), ct);
        await transaction.CommitAsync(ct);
        return interest;
    }

    /// <summary>
    /// Adds the organisation's interest in the item to the caller's unit of work, audited, unless it has a current one
    /// (then that one stays, its contact filled in when it had none).
    /// </summary>
    internal async Task<Interest> RegisterAsync(
        Guid organisationId, string mediaSha256, InterestSource source, Guid? sourceId, string? contact, AuditActor actor, CancellationToken ct)
    {
        var current = await db.Set<Interest>()
            .FirstOrDefaultAsync(i => i.OrganisationId == organisationId && i.MediaSha256 == mediaSha256 && i.WithdrawnAt == null, ct);
        if (current is not null)
        {
            current.Contact ??= contact;
            await db.SaveChangesAsync(ct);
            return current;
        }

        var interest = new Interest
        {
            OrganisationId = organisationId, MediaSha256 = mediaSha256, Source = source, SourceId = sourceId, Contact = contact, Since = time.GetUtcNow(),
        };
        db.Add(interest);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.InterestRegistered, actor, organisationId, $"interest:{interest.Id:D}", Detail: source.ToString()), ct);
        return interest;
    }

    private static NotFoundError NoSuchItem => new("No such item, or not one your organisation may see.");
}
