using Clearline.Exchange.Federation;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Federation;

/// <summary>Seeds subscriptions straight through Core, for tests about something else (the tenant sweep).</summary>
internal static class FederationSeed
{
    /// <summary>A freshly generated P-256 public key, as a publisher shows it.</summary>
    public static string PublicKeyPem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>A Clearline-scheme list of <paramref name="organisation"/> following a feed nobody answers at; returns the subscription.</summary>
    public static async Task<FederationSubscription> SubscribeAsync(IServiceProvider services, Organisation organisation)
    {
        var caller = new Caller(organisation.Id, organisation.Kind, organisation.CountryCode, null, Guid.NewGuid(), null, new HashSet<string>());
        var list = await services.GetRequiredService<HashListDirectory>().CreateAsync(
            new NewHashList($"Followed {Guid.NewGuid():N}", "A peer", HashListKind.HotlineNetwork, HashListTrust.SuggestOnly, HashListVisibility.OwnOrganisation, CategoryScheme.Clearline),
            HashListCaller.For(caller), CancellationToken.None);
        var subscription = await services.GetRequiredService<FederationSubscriptions>().CreateAsync(
            new NewSubscription(list.Value!.Id, "http://127.0.0.1:9/api/v1/federation/feed", PublicKeyPem(), "peer-key"), caller, CancellationToken.None);
        return subscription.Value ?? throw new InvalidOperationException(subscription.Error?.Message);
    }
}
