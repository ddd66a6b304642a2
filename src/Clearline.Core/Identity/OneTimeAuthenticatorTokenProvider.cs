using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

/// <summary>
/// THE authenticator-app provider: accepts a TOTP code at most once, so a code seen over someone's shoulder, in a
/// proxy log or by a phishing page cannot be used again while it is still valid (RFC 6238 §5.2).
/// </summary>
/// <remarks>
/// Identity's default provider accepts a code anywhere in its window and remembers nothing. This one keeps the
/// same window and code parameters (existing enrolments keep working) but accepts a code only when its time step
/// is later than the last step accepted for the person, and claims that step with one conditional UPDATE: of two
/// parallel requests with the same code exactly one changes the row, the other is refused. A code from an older
/// step than one already used is refused too, so after a sign-in the next code is the authenticator's next one.
/// Every caller (the second sign-in step, enrolment, the security page) goes through this provider, because it is
/// registered under Identity's authenticator provider name.
/// </remarks>
public sealed class OneTimeAuthenticatorTokenProvider(ClearlineDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<ClearlineUser>
{
    /// <summary>Steps accepted before and after the current one: Identity's own window, for phones with a drifting clock.</summary>
    public const int StepsEitherSide = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ClearlineUser> manager, ClearlineUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ClearlineUser> manager, ClearlineUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ClearlineUser> manager, ClearlineUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        if (MatchingStep(AuthenticatorCode.DecodeKey(key), code, user.LastAuthenticatorTimeStep) is not { } step)
        {
            return false;
        }

        var claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorTimeStep == null || u.LastAuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastAuthenticatorTimeStep, step));
        if (claimed != 1)
        {
            return false;
        }

        user.LastAuthenticatorTimeStep = step;
        return true;
    }

    /// <summary>The earliest step in the window, later than <paramref name="lastAccepted"/>, whose code is <paramref name="code"/>.</summary>
    private long? MatchingStep(byte[] key, int code, long? lastAccepted)
    {
        var current = AuthenticatorCode.TimeStepAt(time.GetUtcNow());
        var first = Math.Max(current - StepsEitherSide, (lastAccepted ?? long.MinValue) + 1);
        for (var step = first; step <= current + StepsEitherSide; step++)
        {
            if (AuthenticatorCode.Compute(key, step) == code)
            {
                return step;
            }
        }

        return null;
    }
}
