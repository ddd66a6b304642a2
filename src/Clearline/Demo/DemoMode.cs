using System.Globalization;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.WebHost;

namespace Clearline.Demo;

/// <summary>
/// <c>clearline serve --demo</c>: the settings that let the built-in <see cref="DemoSite"/> be crawled and routed,
/// and the fictional organisations, accounts and first report a newcomer clicks through.
/// </summary>
/// <remarks>
/// The demo site answers on loopback, which the crawler refuses and no GeoIP database places. Demo mode therefore
/// lets the crawler reach <c>127.0.0.0/8</c> and declares that network hosted in Germany, so a report by the Dutch
/// demo hotline is routed to the German one, except the site's second address (<see cref="DemoSite.NetherlandsAddress"/>,
/// its board <see cref="DemoSite.NetherlandsBoard"/>), declared hosted in the Netherlands: the more specific
/// declaration wins, so that board is routed to the Dutch hotline and seen by the Dutch demo police. Re-checks run every minute and one 404 confirms removal, so a takedown
/// can be watched in one sitting. None of this is ever set outside demo mode.
/// </remarks>
public static class DemoMode
{
    /// <summary>The demo site's port unless <c>Demo:SitePort</c> says otherwise; a taken port falls back to any free one.</summary>
    public const int DefaultSitePort = 5180;

    /// <summary>The country the demo site is declared hosted in: the German demo hotline's.</summary>
    public const string SiteCountry = "DE";

    /// <summary>The country board <see cref="DemoSite.NetherlandsBoard"/> is declared hosted in: the Dutch demo hotline's.</summary>
    public const string NetherlandsBoardCountry = "NL";

    /// <summary>The hotline whose analyst reports the demo site first.</summary>
    public const string ReportingHotline = "Demo Hotline Netherlands";

    /// <summary>The settings demo mode adds to the configuration.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Crawler:AllowedNetworks:demo"] = "127.0.0.0/8",
        ["Crawler:GoneAfterFailures"] = "1",
        ["Hosting:Networks:demo:Network"] = "127.0.0.0/8",
        ["Hosting:Networks:demo:Country"] = SiteCountry,
        ["Hosting:Networks:demo:Organisation"] = "Fictional demo hosting",
        ["Hosting:Networks:demo-nl:Network"] = $"{DemoSite.NetherlandsAddress}/32",
        ["Hosting:Networks:demo-nl:Country"] = NetherlandsBoardCountry,
        ["Hosting:Networks:demo-nl:Organisation"] = "Fictional Dutch demo hosting",
        ["Takedown:RecheckInterval"] = "00:01:00",
    };

    /// <summary>
    /// Starts the demo site, seeds the demo once and reports the site's first board as the Dutch hotline; once the
    /// server has started, prints the accounts' one-time passwords on stdout as one block. The caller disposes the
    /// site when the server stops.
    /// </summary>
    public static async Task<DemoSite> StartAsync(WebApplication app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clearline.Demo");
        var site = await DemoSite.StartAsync(app.Configuration.GetValue("Demo:SitePort", DefaultSitePort), ct);
        await app.Services.GetRequiredService<DatabaseReadiness>().WhenReady.WaitAsync(ct);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        if (accounts.Count > 0)
        {
            DemoReset.Mark(app.Services.GetRequiredService<Configuration.DataDirectory>());
            await ReportFirstBoardAsync(scope.ServiceProvider, site, ct);
        }

        // After the start-up log lines, so the block is the last thing on the screen and not lost among them.
        await WhenStartedAsync(app, ct);
        if (accounts.Count == 0)
        {
            log.LogWarning("Demo organisations exist already; their one-time passwords were shown when they were created (serve --demo --reset starts over)");
        }

        var url = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Console.Out.Write(Block(accounts, url, site));
        return site;
    }

    /// <summary>What demo mode prints once started: the accounts' one-time passwords as one table, and where to begin.</summary>
    public static string Block(IReadOnlyList<DemoAccount> accounts, string? url, DemoSite site)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(site);
        var rule = new string('=', 100);
        var text = new System.Text.StringBuilder().AppendLine().AppendLine(rule).AppendLine("Clearline demo");
        if (accounts.Count > 0)
        {
            text.AppendLine("One-time passwords, shown only now; each must be changed at first sign-in:").AppendLine();
            var organisation = Math.Max("Organisation".Length, accounts.Max(a => a.Organisation.Length));
            var email = Math.Max("Email".Length, accounts.Max(a => a.Email.Length));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {"Organisation".PadRight(organisation)}  {"Role",-16}{"Email".PadRight(email)}  One-time password"));
            foreach (var account in accounts)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {account.Organisation.PadRight(organisation)}  {account.Role,-16}{account.Email.PadRight(email)}  {account.OneTimePassword}"));
            }

            text.AppendLine();
        }

        if (url is not null)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Sign in at {url.TrimEnd('/')}/Account/Login"));
        }

        return text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Demo site to report: {site.BoardUrl(2)} and {site.BoardUrl(3)} (hosted in {SiteCountry}); its hosting provider: {new Uri(site.BaseAddress, "provider")}"))
            .AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Hosted in {NetherlandsBoardCountry}, for the police portal: {site.BoardUrl(DemoSite.NetherlandsBoard)} (refer it to the police as the Dutch hotline; officer.nl@… and officer.de@… are the police units)"))
            .AppendLine(rule).ToString();
    }

    private static Task WhenStartedAsync(WebApplication app, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }

    private static async Task ReportFirstBoardAsync(IServiceProvider services, DemoSite site, CancellationToken ct)
    {
        var hotline = await services.GetRequiredService<OrganisationDirectory>().FindByNameAsync(ReportingHotline, ct)
            ?? throw new InvalidOperationException($"The demo hotline '{ReportingHotline}' was not seeded.");
        var submission = new ReportSubmission(site.BoardUrl(1).ToString(), HotlineReference: "DEMO-1", SiteType: SiteType.ImageBoard,
            Memo: "Fictional report seeded by demo mode.");
        var submitted = await services.GetRequiredService<ReportIntake>().SubmitAsync(hotline.Id, AuditActor.System, submission, null, ct);
        if (!submitted.IsSuccess)
        {
            throw new InvalidOperationException($"The demo report was refused: {submitted.Error.Message}");
        }
    }
}
