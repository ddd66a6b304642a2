using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Clearline.Audit;

/// <summary>
/// The canonical encoding an entry's hash covers: a version label, then every field in a fixed order, numbers
/// as big-endian integers, strings as a presence byte plus length-prefixed UTF-8, and the previous hash.
/// </summary>
/// <remarks>
/// Length prefixes make the encoding unambiguous (no field can bleed into the next), and nothing depends on
/// culture, time zone or enum names, so the same row hashes the same on every machine and database.
/// </remarks>
internal static class AuditHash
{
    public static string Compute(AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("clearline-audit-v1\0"u8);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Timestamp.UtcTicks);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt32BigEndian(number, (int)entry.ActorKind);
        hash.AppendData(number[..4]);
        AppendString(hash, entry.ActorId);
        AppendGuid(hash, entry.OrganisationId);
        BinaryPrimitives.WriteInt32BigEndian(number, (int)entry.Action);
        hash.AppendData(number[..4]);
        AppendString(hash, entry.Target);
        AppendString(hash, entry.ClientIp);
        AppendString(hash, entry.Detail);
        AppendString(hash, entry.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Makes a string store and read back exactly as hashed: NUL (refused by PostgreSQL) and lone surrogates
    /// (not encodable as UTF-8) become U+FFFD. Returns null for null.
    /// </summary>
    public static string? Canonical(string? value) =>
        value is null ? null : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value.Replace('\0', '\uFFFD')));

    /// <summary>UTC, whole microseconds: PostgreSQL keeps no finer precision, and the hash must survive it.</summary>
    public static DateTimeOffset Timestamp(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private static void AppendString(IncrementalHash hash, string? value)
    {
        if (value is null)
        {
            hash.AppendData([0]);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> prefix = stackalloc byte[5];
        prefix[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(prefix[1..], bytes.Length);
        hash.AppendData(prefix);
        hash.AppendData(bytes);
    }

    private static void AppendGuid(IncrementalHash hash, Guid? value)
    {
        Span<byte> bytes = stackalloc byte[17];
        if (value is { } guid)
        {
            bytes[0] = 1;
            guid.TryWriteBytes(bytes[1..], bigEndian: true, out _);
            hash.AppendData(bytes);
        }
        else
        {
            hash.AppendData(bytes[..1]);
        }
    }
}
