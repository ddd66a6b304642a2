using Clearline.Audit;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.WebHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Account;

/// <summary>
/// The real Clearline web app on an in-memory server with a fresh SQLite database, for the sign-in screens.
/// Kept to this folder until the shared test factory lands; each test starts its own host.
/// </summary>
public sealed class AccountTestHost : IAsyncDisposable
{
    private AccountTestHost(WebApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    /// <param name="settings">Configuration on top of the defaults.</param>
    /// <param name="time">The clock the app reads, for tests that move time on.</param>
    public static async Task<AccountTestHost> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var data = Directory.CreateTempSubdirectory("clearline-account-").FullName;
        var app = ClearlineWebApp.Build(new HostSettings(DataDirectory: data), builder =>
        {
            builder.WebHost.UseTestServer();
            // Many sign-ins from one (absent) client address in a test; the limit itself is checked by metadata.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<DatabaseReadiness>().WhenReady.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        return new AccountTestHost(app, data);
    }

    /// <summary>A browser with its own cookie jar that does not follow redirects, so tests see them.</summary>
    public Browser NewBrowser() => new(App.GetTestServer());

    public async Task<Organisation> CreateOrganisationAsync()
    {
        await using var scope = ScopeAsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<OrganisationDirectory>().CreateAsync(
            new NewOrganisation($"Hotline {Guid.NewGuid():N}", OrganisationKind.Hotline, "NL"), AuditActor.System, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
    }

    /// <summary>A new analyst with a one-time password, as the command line creates one.</summary>
    public async Task<CreatedUser> CreateUserAsync(Organisation? organisation = null)
    {
        organisation ??= await CreateOrganisationAsync();
        await using var scope = ScopeAsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(
            new NewUser(organisation.Id, $"analyst.{Guid.NewGuid():N}@example.org", Role.Analyst), AuditActor.System, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
    }

    /// <summary>Runs <paramref name="action"/> in a service scope acting as the system (like the command line).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = ScopeAsSystem();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="action"/> with the app's user manager, as the system.</summary>
    public async Task WithUsersAsync(Func<UserManager<ClearlineUser>, Task> action)
    {
        await using var scope = ScopeAsSystem();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<ClearlineUser>>());
    }

    public async Task<ClearlineUser> FindUserAsync(string email)
    {
        await using var scope = ScopeAsSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClearlineUser>>();
        return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No such user.");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool is harmless in a temporary folder.
        }
    }

    private AsyncServiceScope ScopeAsSystem()
    {
        var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return scope;
    }
}
