using System.Security.Cryptography;
using System.Text;
using Clearline.Storage;

namespace Clearline.Exchange.Federation;

/// <summary>
/// Seals and opens a subscription's API key for the publisher with the envelope encryption of stored secrets
/// (<see cref="EnvelopeSeal"/>): a fresh data key per value, wrapped by the key-encryption key, bound to the subscription.
/// </summary>
/// <remarks>
/// The key-encryption key lives outside the database, so a copy of the database alone does not give anyone the
/// subscriber's access to the publisher. Only the sync opens the key, for the one request; no API or page returns it.
/// </remarks>
public sealed class FederationSecrets(EnvelopeSeal seal)
{
    public SealedValue SealApiKey(Guid subscriptionId, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        var plaintext = Encoding.UTF8.GetBytes(apiKey);
        try
        {
            return seal.Seal(plaintext, Aad(subscriptionId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <exception cref="CryptographicException">The row was altered, or its key-encryption key is no longer configured.</exception>
    public string OpenApiKey(FederationSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var plaintext = seal.Open(new SealedValue(subscription.ApiKeyKeyId, subscription.ApiKeyWrappedKey, subscription.ApiKeySealed), Aad(subscription.Id));
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Aad(Guid subscriptionId) => Encoding.ASCII.GetBytes("clearline/federation/api-key/v1\0" + subscriptionId.ToString("D"));
}
