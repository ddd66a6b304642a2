using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clearline.Storage;

namespace Clearline.Exchange.Ncmec;

/// <summary>
/// Seals and opens a source's NCMEC credentials with the media store's envelope encryption (<see cref="EnvelopeSeal"/>),
/// bound to the source's id, so sealed credentials copied onto another source do not open.
/// </summary>
/// <remarks>
/// The key-encryption key lives outside the database, so a copy of the database alone reveals no password. Only the
/// pull and feedback jobs open them; no API or page returns them, only whether they are set.
/// </remarks>
public sealed class NcmecCredentialVault(EnvelopeSeal seal)
{
    internal void Seal(NcmecSource source, NcmecCredentials credentials)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(credentials);
        try
        {
            var sealedValue = seal.Seal(plaintext, Aad(source.Id));
            source.CredentialKeyId = sealedValue.KeyId;
            source.CredentialKey = sealedValue.WrappedKey;
            source.SealedCredentials = sealedValue.Sealed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <exception cref="CryptographicException">The sealed row was altered, or its key-encryption key is no longer configured.</exception>
    internal NcmecCredentials Open(NcmecSource source)
    {
        var plaintext = seal.Open(new SealedValue(source.CredentialKeyId, source.CredentialKey, source.SealedCredentials), Aad(source.Id));
        try
        {
            return JsonSerializer.Deserialize<NcmecCredentials>(plaintext) ?? throw new CryptographicException("The sealed credentials are empty.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Aad(Guid sourceId) => Encoding.ASCII.GetBytes("clearline/exchange/ncmec/credentials/v1\0" + sourceId.ToString("D"));
}
