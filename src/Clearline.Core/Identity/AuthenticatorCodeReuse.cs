namespace Clearline.Identity;

/// <summary>Tells a refused authenticator code that was already used apart from a wrong one, so the person is told to wait for the next.</summary>
/// <remarks>
/// Only asked after <see cref="OneTimeAuthenticatorTokenProvider"/> refused the code, and only for the person who
/// passed the password step; it reads the last accepted step afresh, because a parallel request may just have used it.
/// </remarks>
public sealed class AuthenticatorCodeReuse(ClearlineDbContext db, TimeProvider time)
{
    /// <summary>Whether <paramref name="code"/> is the code of a step in the accepted window that was already used (or passed over).</summary>
    public async Task<bool> WasUsedAsync(ClearlineUser user, string authenticatorKey, string code, CancellationToken ct)
    {
        if (!int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var last = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.LastAuthenticatorTimeStep).FirstOrDefaultAsync(ct);
        if (last is not { } lastStep)
        {
            return false;
        }

        var key = AuthenticatorCode.DecodeKey(authenticatorKey);
        var current = AuthenticatorCode.TimeStepAt(time.GetUtcNow());
        for (var step = current - OneTimeAuthenticatorTokenProvider.StepsEitherSide; step <= Math.Min(lastStep, current + OneTimeAuthenticatorTokenProvider.StepsEitherSide); step++)
        {
            if (AuthenticatorCode.Compute(key, step) == value)
            {
                return true;
            }
        }

        return false;
    }
}
