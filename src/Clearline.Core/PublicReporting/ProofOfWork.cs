using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Clearline.PublicReporting;

/// <summary>A challenge given with the public form: the text to hash and the leading zero bits to find.</summary>
/// <param name="Value">The opaque, signed challenge the browser hashes (<c>SHA-256(Value ":" nonce)</c>) and sends back.</param>
/// <param name="Bits">The leading zero bits the hash must have.</param>
public sealed record PowChallenge(string Value, int Bits);

/// <summary>What <see cref="ProofOfWork.Verify"/> found.</summary>
public enum PowVerdict
{
    /// <summary>Solved, or sent without a solution after the no-script delay; now spent.</summary>
    Passed,

    /// <summary>Not a challenge this server gave, a wrong solution, or one already used.</summary>
    Refused,

    /// <summary>Given longer ago than the challenge lifetime.</summary>
    Expired,

    /// <summary>Sent without a solution before the no-script delay had passed.</summary>
    TooFast,
}

/// <summary>
/// Hashcash-style proof of work for the public form: the browser finds a nonce such that
/// <c>SHA-256(challenge ":" nonce)</c> starts with <see cref="PublicReportingOptions.ProofOfWorkBits"/> zero bits.
/// </summary>
/// <remarks>
/// The challenge is 16 random bytes, the time it was given and the bits, protected (authenticated encryption) by
/// ASP.NET Data Protection under its own purpose: the key ring is shared through the database, so any node can verify
/// what another gave, and nobody can forge one or lower its bits. Single use is kept in this node's memory
/// (<see cref="IMemoryCache"/>, until the challenge would expire anyway): a spent challenge is refused on the node
/// that took it; behind a load balancer without sticky sessions one challenge could be spent once per node, which
/// costs an attacker the same work again per node and is bounded by the per-client rate limit. Without JavaScript a
/// challenge sent with no solution passes only <see cref="PublicReportingOptions.NoScriptDelay"/> after it was given,
/// so the fallback adds a delay and no way around the work for scripts that could as well solve it.
/// </remarks>
public sealed class ProofOfWork(IDataProtectionProvider protection, IMemoryCache spent, IOptions<PublicReportingOptions> options, TimeProvider time)
{
    private const int RandomBytes = 16;
    private const int PayloadBytes = RandomBytes + sizeof(long) + 1;

    private readonly Lock _spending = new();
    private readonly IDataProtector _protector = protection.CreateProtector("Clearline.PublicReporting.ProofOfWork.v1");

    /// <summary>Gives a fresh challenge at the configured difficulty.</summary>
    public PowChallenge Issue()
    {
        var bits = options.Value.ProofOfWorkBits;
        var payload = new byte[PayloadBytes];
        RandomNumberGenerator.Fill(payload.AsSpan(0, RandomBytes));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(RandomBytes), time.GetUtcNow().UtcTicks);
        payload[^1] = (byte)bits;
        return new PowChallenge(Base64Url.EncodeToString(_protector.Protect(payload)), bits);
    }

    /// <summary>Checks a challenge and its nonce (empty without JavaScript) and, when it passes, spends it.</summary>
    public PowVerdict Verify(string? challenge, string? nonce)
    {
        if (string.IsNullOrEmpty(challenge) || challenge.Length > 512 || nonce is { Length: > 64 } || !TryOpen(challenge, out var payload))
        {
            return PowVerdict.Refused;
        }

        var issuedAt = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(RandomBytes)), TimeSpan.Zero);
        int bits = payload[^1];
        var age = time.GetUtcNow() - issuedAt;
        if (age > options.Value.ChallengeLifetime || age < -TimeSpan.FromMinutes(5))
        {
            return PowVerdict.Expired;
        }

        if (string.IsNullOrEmpty(nonce))
        {
            if (age < options.Value.NoScriptDelay)
            {
                return PowVerdict.TooFast;
            }
        }
        else if (bits < options.Value.ProofOfWorkBits || !Solves(challenge, nonce, bits))
        {
            return PowVerdict.Refused;
        }

        return Spend(payload, issuedAt) ? PowVerdict.Passed : PowVerdict.Refused;
    }

    /// <summary>Whether <c>SHA-256(challenge ":" nonce)</c> starts with <paramref name="bits"/> zero bits.</summary>
    public static bool Solves(string challenge, string nonce, int bits)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(nonce);
        var text = Encoding.UTF8.GetBytes(challenge + ":" + nonce);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(text, hash);
        return LeadingZeroBits(hash) >= bits;
    }

    /// <summary>Finds the first decimal nonce that solves <paramref name="challenge"/>, as the browser's script does.</summary>
    public static string Solve(PowChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var prefix = Encoding.UTF8.GetBytes(challenge.Value + ":");
        var buffer = new byte[prefix.Length + 20];
        prefix.CopyTo(buffer, 0);
        Span<byte> hash = stackalloc byte[32];
        for (long nonce = 0; ; nonce++)
        {
            nonce.TryFormat(buffer.AsSpan(prefix.Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            SHA256.HashData(buffer.AsSpan(0, prefix.Length + written), hash);
            if (LeadingZeroBits(hash) >= challenge.Bits)
            {
                return nonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var zeros = 0;
        foreach (var b in hash)
        {
            if (b != 0)
            {
                return zeros + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            }

            zeros += 8;
        }

        return zeros;
    }

    private bool TryOpen(string challenge, out byte[] payload)
    {
        payload = [];
        try
        {
            payload = _protector.Unprotect(Base64Url.DecodeFromChars(challenge));
            return payload.Length == PayloadBytes;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Marks the challenge used until it would have expired; false when it already was.</summary>
    private bool Spend(byte[] payload, DateTimeOffset issuedAt)
    {
        var key = "pow-spent:" + Convert.ToHexString(payload, 0, RandomBytes);
        lock (_spending)
        {
            if (spent.TryGetValue(key, out _))
            {
                return false;
            }

            // Relative to now by this class's clock: the cache keeps its own clock, which need not be the same one.
            var keep = issuedAt + options.Value.ChallengeLifetime + TimeSpan.FromMinutes(5) - time.GetUtcNow();
            spent.Set(key, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = keep, Size = 1 });
            return true;
        }
    }
}
