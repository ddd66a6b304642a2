using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Clearline.Identity;

/// <summary>
/// The six-digit code an authenticator app shows for one 30-second time step (RFC 6238 with HMAC-SHA1), from the
/// Base32 key Identity generates and the enrolment QR code carries.
/// </summary>
/// <remarks>
/// Identity's own implementation is internal, and replay protection needs to know which step a code matched, so
/// it is computed here with the same parameters: existing enrolments keep working unchanged.
/// </remarks>
internal static class AuthenticatorCode
{
    public const int StepSeconds = 30;

    private const int Modulus = 1_000_000;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static long TimeStepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 6238 as authenticator apps implement it; HMAC-SHA1 stays sound as a MAC, unlike SHA-1 for collisions.")]
    public static int Compute(byte[] key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);

        // Dynamic truncation (RFC 4226 §5.3): four bytes at the offset named by the last nibble.
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFF_FFFF;
        return binary % Modulus;
    }

    /// <summary>Decodes an unpadded, case-insensitive Base32 key (RFC 4648), as Identity stores it.</summary>
    public static byte[] DecodeKey(string base32)
    {
        var bytes = new byte[base32.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in base32)
        {
            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not Base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[index++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes;
    }
}
