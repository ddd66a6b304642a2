using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.ApiKeys;

/// <summary>
/// Accepted keys are cached per process (<see cref="ApiKeyCache"/>): a key revoked on the same process is refused at
/// once, on another process within <see cref="ApiKeyCache.Lifetime"/>. Two containers on one database stand for two processes.
/// </summary>
public sealed class ApiKeyCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Authenticate_KeyRevokedOnThisProcess_IsRefusedAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s => s.AddApiKeys());
        var (organisation, key, secret) = await CreateKeyAsync(database.Services);
        Assert.True((await AuthenticateAsync(database.Services, secret)).Accepted);

        await RevokeAsync(database.Services, organisation, key);

        Assert.Equal(KeyRejection.Revoked, (await AuthenticateAsync(database.Services, secret)).Rejection);
    }

    [Theory]
    [BothDatabases]
    public async Task Authenticate_KeyRevokedOnAnotherProcess_IsRefusedOnceTheCacheLifetimeHasPassed(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s => s.AddApiKeys());
        await using var other = database.CreateServices(configureServices: s => s.AddSingleton<TimeProvider>(time));
        var (organisation, key, secret) = await CreateKeyAsync(database.Services);
        Assert.True((await AuthenticateAsync(other, secret)).Accepted);

        await RevokeAsync(database.Services, organisation, key);
        var withinLifetime = await AuthenticateAsync(other, secret);
        time.Advance(ApiKeyCache.Lifetime);
        var after = await AuthenticateAsync(other, secret);

        Assert.True(withinLifetime.Accepted, "within the stated bound the other process may still accept the key");
        Assert.Equal(KeyRejection.Revoked, after.Rejection);
    }

    [Theory]
    [BothDatabases]
    public async Task Authenticate_WrongSecretWithACachedKeysPrefix_IsStillRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s => s.AddApiKeys());
        var (_, _, secret) = await CreateKeyAsync(database.Services);
        Assert.True((await AuthenticateAsync(database.Services, secret)).Accepted);

        var wrong = secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        Assert.Equal(KeyRejection.WrongSecret, (await AuthenticateAsync(database.Services, wrong)).Rejection);
    }

    private static async Task<(Guid Organisation, Guid Key, string Secret)> CreateKeyAsync(IServiceProvider services)
    {
        await using var scope = SystemScope(services);
        var db = scope.ServiceProvider.GetRequiredService<ClearlineDbContext>();
        var organisation = new Organisation { Name = $"Cache {Guid.NewGuid():N}", Kind = OrganisationKind.Hotline, CountryCode = "NL", CreatedAt = DateTimeOffset.UtcNow };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(organisation.Id, "partner", [ApiScopes.HashesCheck], AuditActor.System, Ct);
        return (organisation.Id, created.Value!.Key.Id, created.Value.Secret);
    }

    private static async Task<KeyCheck> AuthenticateAsync(IServiceProvider services, string secret)
    {
        await using var scope = SystemScope(services);
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().AuthenticateAsync(secret, Ct);
    }

    private static async Task RevokeAsync(IServiceProvider services, Guid organisation, Guid key)
    {
        await using var scope = SystemScope(services);
        var revoked = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(organisation, key, AuditActor.System, Ct);
        Assert.True(revoked.IsSuccess);
    }

    private static AsyncServiceScope SystemScope(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return scope;
    }
}
