namespace Clearline.Identity;

/// <summary>Whether and how a person may sign in: disable, enable, unlock, reset the authenticator.</summary>
public sealed partial class UserAdministration
{
    /// <summary>Stops the person signing in and ends their sessions now (a new security stamp fails every session's next request).</summary>
    public async Task<Result<Person>> DisableAsync(PeopleAdministrator administrator, Guid userId, CancellationToken ct)
    {
        var found = await FindAsync(administrator, userId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var user = found.Value.User;
        if (user.IsDisabled)
        {
            return Person.From(user, time.GetUtcNow());
        }

        if (user.Role == Role.OrgAdmin && !await HasOtherActiveAdministratorAsync(user, ct))
        {
            return new ConflictError(LastAdministrator);
        }

        user.DisabledAt = time.GetUtcNow();
        return await SaveAsync(user, AuditAction.UserDisabled, administrator, "disabled", endSessions: true, ct);
    }

    /// <summary>Lets a disabled person sign in again, with the password and authenticator they had.</summary>
    public async Task<Result<Person>> EnableAsync(PeopleAdministrator administrator, Guid userId, CancellationToken ct)
    {
        var found = await FindAsync(administrator, userId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var user = found.Value.User;
        if (!user.IsDisabled)
        {
            return Person.From(user, time.GetUtcNow());
        }

        if (RoleError(found.Value.Organisation, user.Role, administrator.IsOperator) is { } invalid)
        {
            return invalid;
        }

        user.DisabledAt = null;
        return await SaveAsync(user, AuditAction.UserEnabled, administrator, "enabled", endSessions: false, ct);
    }

    /// <summary>Ends a lockout after too many failed attempts and forgets the failures counted so far.</summary>
    public async Task<Result<Person>> UnlockAsync(PeopleAdministrator administrator, Guid userId, CancellationToken ct)
    {
        var found = await FindAsync(administrator, userId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var user = found.Value.User;
        var wasLocked = user.LockoutEnd is { } end && end > time.GetUtcNow();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await SaveAsync(user, AuditAction.UserUnlocked, administrator, wasLocked ? "lockout=ended" : "lockout=none", endSessions: false, ct);
    }

    /// <summary>
    /// Forgets the person's authenticator (a lost phone): a new key, two-factor off, sessions ended; the next sign-in
    /// enrols an authenticator again before anything else.
    /// </summary>
    public async Task<Result<Person>> ResetAuthenticatorAsync(PeopleAdministrator administrator, Guid userId, CancellationToken ct)
    {
        var found = await FindAsync(administrator, userId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var user = found.Value.User;
        await using var transaction = await work.BeginAsync(ct);
        var reset = await users.ResetAuthenticatorKeyAsync(user);
        var disabled = reset.Succeeded ? await users.SetTwoFactorEnabledAsync(user, false) : reset;
        if (!disabled.Succeeded)
        {
            return new ConflictError(disabled.Errors.First().Description);
        }

        var saved = await SaveAsync(user, AuditAction.UserAuthenticatorReset, administrator, "authenticator=reset", endSessions: true, ct);
        if (saved.IsSuccess)
        {
            await transaction.CommitAsync(ct);
        }

        return saved;
    }
}
