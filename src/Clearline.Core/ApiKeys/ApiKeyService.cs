using System.Security.Cryptography;
using System.Text;
using Clearline.Organisations;

namespace Clearline.ApiKeys;

/// <summary>A created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>Creates, lists, revokes and authenticates API keys.</summary>
public sealed class ApiKeyService(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    private const string KeyPrefix = "cl_";
    private const int PrefixLength = 12;

    public async Task<Result<CreatedApiKey>> CreateAsync(Guid organisationId, string name, IEnumerable<string> scopes, AuditActor actor, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return new InvalidError("name", "The key name must be 1 to 100 characters.");
        }

        var scopeList = scopes.SelectMany(s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (scopeList.Count == 0)
        {
            return new InvalidError("scopes", $"Give at least one scope: {string.Join(", ", ApiScopes.All.Order(StringComparer.Ordinal))}.");
        }

        var unknown = scopeList.FirstOrDefault(s => !ApiScopes.All.Contains(s));
        if (unknown is not null)
        {
            return new InvalidError("scopes", $"Unknown scope '{unknown}'. Known: {string.Join(", ", ApiScopes.All.Order(StringComparer.Ordinal))}.");
        }

        if (!await db.Set<Organisation>().AnyAsync(o => o.Id == organisationId, ct))
        {
            return new NotFoundError("No such organisation.");
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
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(key);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.ApiKeyCreated, actor, organisationId, $"apikey:{key.Id}", Detail: $"scopes={key.Scopes}"), ct);
        await transaction.CommitAsync(ct);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>The active key matching <paramref name="presented"/>, or null.</summary>
    /// <remarks>
    /// Runs before any tenant is known, so it looks across tenants; the comparison is constant-time so the
    /// response time reveals nothing about how much of a guessed key was right.
    /// </remarks>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (presented.Length < PrefixLength || presented.Length > 100 || !presented.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var prefix = presented[..PrefixLength];
        var key = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(hash, key.SecretHash) ? key : null;
    }

    /// <summary>The organisation's keys, oldest first (their hashes are stored, never their secrets).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid organisationId, CancellationToken ct) =>
        await db.Set<ApiKey>().AsNoTracking().Where(k => k.OrganisationId == organisationId).OrderBy(k => k.CreatedAt).ToListAsync(ct);

    /// <remarks>Another organisation's key answers null, exactly like a key that does not exist.</remarks>
    public Task<ApiKey?> FindAsync(Guid organisationId, Guid keyId, CancellationToken ct) =>
        db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.OrganisationId == organisationId, ct);

    public async Task<Result<ApiKey>> RevokeAsync(Guid organisationId, Guid keyId, AuditActor actor, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Id == keyId && k.OrganisationId == organisationId, ct);
        if (key is null)
        {
            return new NotFoundError("No such API key.");
        }

        key.RevokedAt ??= time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.ApiKeyRevoked, actor, organisationId, $"apikey:{key.Id}"), ct);
        await transaction.CommitAsync(ct);
        return key;
    }
}
