using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.ApiKeys;

/// <summary>
/// Writes a key straight into the database, bypassing <see cref="ApiKeyService"/>'s checks: a key created before its
/// organisation's ceiling existed or narrowed, or one that has already expired.
/// </summary>
internal static class StoredKeys
{
    public static async Task<(Guid Id, string Secret)> StoreAsync(
        ClearlineTestApp app, Organisation organisation, IEnumerable<string> scopes, DateTimeOffset? expiresAt = null)
    {
        var secret = "cl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            OrganisationId = organisation.Id,
            Name = $"stored {Guid.NewGuid():N}",
            Prefix = secret[..12],
            SecretHash = SHA256.HashData(Encoding.ASCII.GetBytes(secret)),
            Scopes = string.Join(' ', scopes),
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-30),
            ExpiresAt = expiresAt,
        };
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            db.Add(key);
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return (key.Id, secret);
    }
}
