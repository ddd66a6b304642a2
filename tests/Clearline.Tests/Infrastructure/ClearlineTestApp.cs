using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.WebHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clearline.Tests.Infrastructure;

/// <summary>
/// The real Clearline web app on an in-memory server, on a fresh database of the given provider and a fresh
/// data directory, with intent methods to set up what a test needs.
/// </summary>
public sealed class ClearlineTestApp : IAsyncDisposable
{
    public const string PostgresVariable = TestDatabase.PostgresVariable;

    private readonly string? _postgresDatabase;

    private ClearlineTestApp(WebApplication app, string dataDirectory, string? postgresDatabase)
    {
        App = app;
        DataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<ClearlineTestApp> StartAsync(
        DatabaseProvider provider, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? customise = null)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        var data = Directory.CreateTempSubdirectory("clearline-test-").FullName;
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = provider.ToString(),
        };

        // Routes opened by a test queue abuse-contact lookups: an empty bootstrap keeps them off the internet (they end Failed).
        configuration.TryAdd("Rdap:Bootstrap:Directory", Directory.CreateDirectory(Path.Combine(data, "rdap-bootstrap")).FullName);
        string? database = null;
        if (provider == DatabaseProvider.Postgres)
        {
            database = $"clearline_test_{Guid.NewGuid():N}";
            configuration["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable)) { Database = database }.ConnectionString;
        }

        var app = ClearlineWebApp.Build(new HostSettings(data), builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(configuration);
            customise?.Invoke(builder);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<DatabaseReadiness>().WhenReady.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        return new ClearlineTestApp(app, data, database);
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = App.GetTestClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Runs <paramref name="action"/> in a service scope acting as the system (like the CLI).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return await action(scope.ServiceProvider);
    }

    public Task<Organisation> CreateOrganisationAsync(OrganisationKind kind = OrganisationKind.Hotline, string? country = "NL") =>
        AsSystemAsync(async sp =>
        {
            var countryCode = kind is OrganisationKind.Interpol or OrganisationKind.Coordinator ? null : country;
            var result = await sp.GetRequiredService<OrganisationDirectory>().CreateAsync(
                new NewOrganisation($"{kind} {Guid.NewGuid():N}", kind, countryCode), AuditActor.System, CancellationToken.None);
            return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
        });

    /// <summary>Creates a key for <paramref name="organisation"/> and returns the secret to send as a bearer token.</summary>
    public Task<string> CreateApiKeyAsync(Organisation organisation, params string[] scopes) =>
        AsSystemAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ApiKeyService>().CreateAsync(
                organisation.Id, $"key {Guid.NewGuid():N}", scopes.Length == 0 ? [ApiScopes.OrganisationRead] : scopes, AuditActor.System, CancellationToken.None);
            return result.Value?.Secret ?? throw new InvalidOperationException(result.Error?.Message);
        });

    public Task<CreatedUser> CreateUserAsync(Organisation organisation, Role role) =>
        AsSystemAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserAdministration>().CreateAsync(
                new NewUser(organisation.Id, $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@test.invalid", role), AuditActor.System, CancellationToken.None);
            return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
        });

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            await TestDatabase.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
        }

        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool is harmless in a temp directory.
        }
    }
}
