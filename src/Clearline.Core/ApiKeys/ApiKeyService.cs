using System.Security.Cryptography;
using System.Text;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.ApiKeys;

/// <summary>A created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>What a new key is to be: its name, its scopes (each within the organisation's ceiling) and when it expires, if ever.</summary>
public sealed record NewApiKey(string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt = null);

/// <summary>
/// What checking a presented key found: the key when it was accepted (<see cref="Rejection"/> is None), the real key it
/// names when it was refused for a reason that concerns that key (wrong secret, revoked, expired), nothing otherwise.
/// </summary>
public sealed record KeyCheck(ApiKey? Key, OrganisationKind? Kind, KeyRejection Rejection)
{
    public bool Accepted => Rejection == KeyRejection.None;
}

/// <summary>Creates, lists, revokes and authenticates API keys.</summary>
public sealed class ApiKeyService(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, ApiKeyCache cache, TimeProvider time)
{
    /// <summary>Last use is written at most this often per key, so a busy key costs one small update a minute.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string KeyPrefix = "cl_";
    private const int PrefixLength = 12;

    /// <summary>A key for <paramref name="caller"/>'s organisation, from the API or the keys page.</summary>
    /// <remarks>A key that creates a key gives no scope it does not hold itself; a person gives any scope under the ceiling.</remarks>
    public Task<Result<CreatedApiKey>> CreateAsync(Caller caller, NewApiKey request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CreateAsync(caller.OrganisationId, request, caller.Actor, caller.IsApiKey ? caller.Scopes : null, ct);
    }

    /// <summary>A key created by the operator (<c>clearline admin create-api-key</c>); still within the ceiling.</summary>
    public Task<Result<CreatedApiKey>> CreateAsync(Guid organisationId, string name, IEnumerable<string> scopes, AuditActor actor, CancellationToken ct) =>
        CreateAsync(organisationId, new NewApiKey(name, [.. scopes]), actor, null, ct);

    private async Task<Result<CreatedApiKey>> CreateAsync(
        Guid organisationId, NewApiKey request, AuditActor actor, IReadOnlySet<string>? grantorScopes, CancellationToken ct)
    {
        var name = (request.Name ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            return new InvalidError("name", "The key name must be 1 to 100 characters.");
        }

        var scopeList = (request.Scopes ?? []).SelectMany(s => (s ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (scopeList.Count == 0)
        {
            return new InvalidError("scopes", $"Give at least one scope: {string.Join(", ", ApiScopes.All.Order(StringComparer.Ordinal))}.");
        }

        var unknown = scopeList.FirstOrDefault(s => !ApiScopes.All.Contains(s));
        if (unknown is not null)
        {
            return new InvalidError("scopes", $"Unknown scope '{unknown}'. Known: {string.Join(", ", ApiScopes.All.Order(StringComparer.Ordinal))}.");
        }

        var now = time.GetUtcNow();
        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return new InvalidError("expiresAt", "The expiry must be in the future; leave it out for a key that does not expire.");
        }

        var kind = await db.Set<Organisation>().Where(o => o.Id == organisationId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
        if (kind is null)
        {
            return new NotFoundError("No such organisation.");
        }

        var aboveCeiling = scopeList.FirstOrDefault(s => !ScopeCeilings.Allows(kind.Value, s));
        if (aboveCeiling is not null)
        {
            return new InvalidError("scopes", ScopeCeilings.Refusal(kind.Value, aboveCeiling));
        }

        var notHeld = grantorScopes is null ? null : scopeList.FirstOrDefault(s => !grantorScopes.Contains(s));
        if (notHeld is not null)
        {
            return new InvalidError("scopes", $"A key can only give the scopes it holds itself, and this one does not hold '{notHeld}'.");
        }

        if (await db.Set<ApiKey>().IgnoreQueryFilters().AnyAsync(k => k.OrganisationId == organisationId && k.Name == name, ct))
        {
            return new ConflictError($"The organisation already has a key named '{name}'.");
        }

        var secret = KeyPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            OrganisationId = organisationId,
            Name = name,
            Prefix = secret[..PrefixLength],
            SecretHash = SHA256.HashData(Encoding.ASCII.GetBytes(secret)),
            Scopes = string.Join(' ', scopeList),
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        db.Add(key);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        var expiry = key.ExpiresAt is { } e ? $"; expires={e:O}" : "";
        await audit.AppendAsync(new AuditEvent(AuditAction.ApiKeyCreated, actor, organisationId, $"apikey:{key.Id}", Detail: $"scopes={key.Scopes}{expiry}"), ct);
        await transaction.CommitAsync(ct);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>Checks a presented key: the active key it is, or why it is refused (and the real key concerned, if any).</summary>
    /// <remarks>
    /// Runs before any tenant is known, so it looks across tenants; the comparison is constant-time so the
    /// response time reveals nothing about how much of a guessed key was right. A key accepted within the last
    /// <see cref="ApiKeyCache.Lifetime"/> is accepted again without a lookup (<see cref="ApiKeyCache"/>).
    /// </remarks>
    public async Task<KeyCheck> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (presented.Length < PrefixLength || presented.Length > 100 || !presented.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return new KeyCheck(null, null, KeyRejection.Malformed);
        }

        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(presented));
        var cacheKey = Convert.ToHexString(hash);
        if (cache.TryGet(cacheKey, out var cached, out var cachedKind))
        {
            return new KeyCheck(cached, cachedKind, KeyRejection.None);
        }

        var prefix = presented[..PrefixLength];
        var found = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Join(db.Set<Organisation>(), k => k.OrganisationId, o => o.Id, (k, o) => new { Key = k, o.Kind })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return new KeyCheck(null, null, KeyRejection.UnknownPrefix);
        }

        var rejection = !CryptographicOperations.FixedTimeEquals(hash, found.Key.SecretHash) ? KeyRejection.WrongSecret
            : found.Key.RevokedAt is not null ? KeyRejection.Revoked
            : found.Key.IsExpired(time.GetUtcNow()) ? KeyRejection.Expired
            : KeyRejection.None;
        if (rejection == KeyRejection.None)
        {
            cache.Accepted(cacheKey, found.Key, found.Kind);
        }

        return new KeyCheck(found.Key, found.Kind, rejection);
    }

    /// <summary>Records that <paramref name="key"/> was used now, unless that was already recorded within the last minute.</summary>
    public async Task RecordUseAsync(ApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        if (key.LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        var stale = now - LastUsedResolution;
        await db.Set<ApiKey>().IgnoreQueryFilters()
            .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);

        // The key may be the cached one, shared by this process's requests: it now knows the use was recorded.
        key.LastUsedAt = now;
    }

    /// <summary>Audits a refusal that concerns a real key (wrong secret, revoked, expired); the caller bounds how often.</summary>
    public Task AuditRejectionAsync(ApiKey key, KeyRejection rejection, string? clientIp, int failuresFromAddress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        return audit.AppendAsync(
            new AuditEvent(AuditAction.ApiKeyRejected, AuditActor.Anonymous, key.OrganisationId, $"apikey:{key.Id}", clientIp,
                $"reason={rejection.ToString().ToLowerInvariant()}; failures from this address in the window={failuresFromAddress}; later failures in the window are logged, not audited"),
            ct);
    }

    /// <summary>The organisation's keys, oldest first (their hashes are stored, never their secrets).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid organisationId, CancellationToken ct) =>
        await db.Set<ApiKey>().AsNoTracking().Where(k => k.OrganisationId == organisationId).OrderBy(k => k.CreatedAt).ToListAsync(ct);

    /// <remarks>Another organisation's key answers null, exactly like a key that does not exist.</remarks>
    public Task<ApiKey?> FindAsync(Guid organisationId, Guid keyId, CancellationToken ct) =>
        db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.OrganisationId == organisationId, ct);

    /// <summary>Revokes the key: refused from its very next request on this process, within <see cref="ApiKeyCache.Lifetime"/> on others. Revoking a revoked key changes nothing and is not audited again.</summary>
    public async Task<Result<ApiKey>> RevokeAsync(Guid organisationId, Guid keyId, AuditActor actor, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Id == keyId && k.OrganisationId == organisationId, ct);
        if (key is null)
        {
            return new NotFoundError("No such API key.");
        }

        if (key.RevokedAt is not null)
        {
            return key;
        }

        key.RevokedAt = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.ApiKeyRevoked, actor, organisationId, $"apikey:{key.Id}"), ct);
        await transaction.CommitAsync(ct);
        cache.Forget(key.Id);
        return key;
    }
}
