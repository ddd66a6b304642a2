using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Clearline.Identity;

/// <summary>
/// The server-side record of each signed-in session: one row per session in Identity's token table, keyed by the
/// person and a random session id that the session cookie carries, holding the time the session started.
/// </summary>
/// <remarks>
/// A cookie is only a signed claim; without a record on the server, a cookie copied before sign-out would keep
/// working until it expired, and a session kept busy would slide forever. Sign-out deletes this session's row
/// (the person's other devices keep theirs), and a row older than <see cref="SignInPolicyOptions.AbsoluteLifetime"/>
/// no longer counts, however active the session was. Checking a row is one primary-key lookup per request.
/// </remarks>
public sealed class UserSessions(ClearlineDbContext db, TimeProvider time, IOptions<SignInPolicyOptions> policy)
{
    /// <summary>The token table's provider name that marks a row as a session.</summary>
    public const string Provider = "Clearline.Session";

    /// <summary>Records a new session for <paramref name="userId"/> and returns its id; drops the person's expired ones.</summary>
    public async Task<string> StartAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ToListAsync(ct);
        db.UserTokens.RemoveRange(rows.Where(r => !IsCurrent(r.Value, now)));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        db.UserTokens.Add(new IdentityUserToken<Guid>
        {
            UserId = userId,
            LoginProvider = Provider,
            Name = id,
            Value = now.ToString("O", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>Whether <paramref name="sessionId"/> is a session of <paramref name="userId"/> that was not ended and is within its lifetime.</summary>
    public async Task<bool> IsActiveAsync(Guid userId, string sessionId, CancellationToken ct)
    {
        var started = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId)
            .Select(t => t.Value)
            .FirstOrDefaultAsync(ct);
        return IsCurrent(started, time.GetUtcNow());
    }

    /// <summary>Ends one session: its cookie, wherever a copy of it is, is refused from now on.</summary>
    public Task EndAsync(Guid userId, string sessionId, CancellationToken ct) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId).ExecuteDeleteAsync(ct);

    private bool IsCurrent(string? started, DateTimeOffset now) =>
        DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
        && now - at < policy.Value.AbsoluteLifetime;
}
