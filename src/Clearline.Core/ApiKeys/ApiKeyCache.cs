using System.Collections.Concurrent;
using Clearline.Organisations;

namespace Clearline.ApiKeys;

/// <summary>
/// Keys this process accepted in the last <see cref="Lifetime"/>, by the SHA-256 of the presented secret, so that a
/// partner calling hash-check thousands of times a second costs one key lookup every few seconds rather than one a request.
/// </summary>
/// <remarks>
/// <para>Only accepted keys are kept: a wrong, revoked or expired key is looked up every time. A key revoked on this
/// process is dropped at once (<see cref="Forget"/>), so it is refused from its very next request here; on another
/// process it is refused within <see cref="Lifetime"/>, the bound on how long a revocation, an expiry or an
/// organisation's narrower ceiling takes to reach every process. An entry never outlives the key's own expiry.</para>
/// <para>Entries are found by the SHA-256 of the whole presented secret, which is what the database stores: finding
/// one tells nothing a guesser could use, and a guess that is not an accepted key falls through to the constant-time
/// comparison of <see cref="ApiKeyService.AuthenticateAsync"/>. The cache holds at most one entry per accepted key.</para>
/// </remarks>
public sealed class ApiKeyCache(TimeProvider time)
{
    /// <summary>How long an accepted key is trusted without a lookup: the bound on revocation across processes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _accepted = new(StringComparer.Ordinal);

    internal bool TryGet(string secretHash, out ApiKey key, out OrganisationKind kind)
    {
        if (_accepted.TryGetValue(secretHash, out var entry) && time.GetUtcNow() < entry.Until)
        {
            (key, kind) = (entry.Key, entry.Kind);
            return true;
        }

        (key, kind) = (null!, default);
        return false;
    }

    internal void Accepted(string secretHash, ApiKey key, OrganisationKind kind)
    {
        var until = time.GetUtcNow() + Lifetime;
        _accepted[secretHash] = new Entry(key, kind, key.ExpiresAt is { } expires && expires < until ? expires : until);
    }

    /// <summary>Drops the key (revoked here), so this process refuses it from its next request.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var (hash, entry) in _accepted)
        {
            if (entry.Key.Id == keyId)
            {
                _accepted.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(ApiKey Key, OrganisationKind Kind, DateTimeOffset Until);
}
