using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Clearline.Storage;

namespace Clearline.Audit;

/// <summary>What checking one seal found.</summary>
public enum AuditSealCheck
{
    Valid,

    /// <summary>The MAC does not match: the seal was forged or altered.</summary>
    Forged,

    /// <summary>The seal names a key-encryption key that is not in the key ring, so it cannot be checked.</summary>
    UnknownKey,
}

/// <summary>Makes and checks <see cref="AuditSeal"/>s with a key derived from a key-encryption key (HKDF, fixed label).</summary>
/// <remarks>
/// New seals use the active key; a seal is checked with the key it names, so seals made before a rotation keep
/// verifying as long as the old key stays in the ring (<c>Storage:PreviousKeyEncryptionKeys</c> or the key folder).
/// Derived keys are cached per key id for the life of the process and never written anywhere.
/// </remarks>
public sealed class AuditSealer(KeyRing keys)
{
    private static readonly byte[] Label = "clearline/audit-seal/v1"u8.ToArray();
    private readonly ConcurrentDictionary<string, byte[]> _macKeys = new(StringComparer.Ordinal);

    internal AuditSeal Seal(long sequence, string headHash, DateTimeOffset sealedAt)
    {
        var kek = keys.Active;
        var mac = Mac(MacKey(kek), sequence, headHash, kek.Id, sealedAt);
        return new AuditSeal { Sequence = sequence, HeadHash = headHash, KeyId = kek.Id, Mac = Convert.ToHexStringLower(mac), SealedAt = sealedAt };
    }

    public AuditSealCheck Check(AuditSeal seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        if (!keys.TryGet(seal.KeyId, out var kek))
        {
            return AuditSealCheck.UnknownKey;
        }

        var expected = Mac(MacKey(kek), seal.Sequence, seal.HeadHash, seal.KeyId, seal.SealedAt);
        byte[] stored;
        try
        {
            stored = Convert.FromHexString(seal.Mac);
        }
        catch (FormatException)
        {
            return AuditSealCheck.Forged;
        }

        return CryptographicOperations.FixedTimeEquals(expected, stored) ? AuditSealCheck.Valid : AuditSealCheck.Forged;
    }

    private byte[] MacKey(KeyEncryptionKey kek) => _macKeys.GetOrAdd(kek.Id, _ => kek.DeriveSubkey(Label));

    private static byte[] Mac(byte[] key, long sequence, string headHash, string keyId, DateTimeOffset sealedAt)
    {
        using var stream = new MemoryStream();
        stream.Write("clearline-audit-seal-v1\0"u8);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        stream.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, sealedAt.UtcTicks);
        stream.Write(number);
        WriteString(stream, headHash);
        WriteString(stream, keyId);
        return HMACSHA256.HashData(key, stream.ToArray());
    }

    private static void WriteString(Stream stream, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
