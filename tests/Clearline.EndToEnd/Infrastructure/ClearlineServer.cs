using Clearline.Demo;
using Clearline.Tenancy;
using Clearline.WebHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>
/// The real Clearline, as <c>clearline serve --demo</c> runs it: Kestrel on a free port of 127.0.0.1, in-process
/// workers, SQLite in a fresh data folder, the demo organisations and accounts, and the benign demo site.
/// </summary>
public sealed class ClearlineServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _data;

    private ClearlineServer(WebApplication app, string data, DemoSite site, IReadOnlyList<DemoAccount> accounts)
    {
        _app = app;
        _data = data;
        Site = site;
        Accounts = accounts;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    public DemoSite Site { get; }

    public IReadOnlyList<DemoAccount> Accounts { get; }

    public IServiceProvider Services => _app.Services;

    public DemoAccount Account(string email) => Accounts.Single(a => a.Email == email);

    /// <summary>Starts the server; <paramref name="settings"/> (e.g. a mail server, an RDAP bootstrap) go on top of the demo's.</summary>
    public static async Task<ClearlineServer> StartAsync(CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("clearline-e2e-").FullName;
        var site = await DemoSite.StartAsync(0, ct);
        var app = ClearlineWebApp.Build(new HostSettings(data, "http://127.0.0.1:0"), builder =>
        {
            builder.Configuration.AddInMemoryCollection(DemoMode.Settings);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Workers:PollInterval"] = "00:00:00.200",
            });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        });
        await app.StartAsync(ct);
        await app.Services.GetRequiredService<DatabaseReadiness>().WhenReady.WaitAsync(TimeSpan.FromMinutes(1), ct);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        return new ClearlineServer(app, data, site, accounts);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await Site.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
