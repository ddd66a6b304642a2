using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Tests.Crawling.TestSites;

/// <summary>
/// A real Kestrel web site on 127.0.0.1 with an ephemeral port, serving the routes a test maps, over http or
/// https (with a self-signed certificate made at run time). Crawler tests fetch it with real sockets.
/// </summary>
/// <example>
/// <code>
/// await using var site = await LocalSite.StartAsync(app => app.MapGet("/a", () => "hello"));
/// var result = await fetcher.FetchAsync(site.Url("/a"), FetchPurpose.Page, ct);
/// </code>
/// </example>
/// <remarks>The crawler refuses loopback addresses unless <c>Crawler:AllowedNetworks</c> lists 127.0.0.0/8 (or 127.0.0.1/32).</remarks>
public sealed class LocalSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalSite(WebApplication app, Uri baseUrl, X509Certificate2? certificate)
    {
        _app = app;
        BaseUrl = baseUrl;
        Certificate = certificate;
    }

    /// <summary>The site's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The port Kestrel listens on.</summary>
    public int Port => BaseUrl.Port;

    /// <summary>The self-signed certificate served over https; null for http.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Starts a site serving the routes <paramref name="map"/> adds.</summary>
    /// <param name="map">Adds the routes (MapGet, Map, middleware...); handlers may count hits or stream lazily.</param>
    /// <param name="https">Serve https with a self-signed certificate for <c>localhost</c> and 127.0.0.1.</param>
    public static async Task<LocalSite> StartAsync(Action<WebApplication> map, bool https = false)
    {
        var certificate = https ? SelfSignedCertificate.Create("localhost") : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalSite(app, new Uri(address.EndsWith('/') ? address : address + "/"), certificate);
    }

    /// <summary>An absolute URL on this site.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>The same URL with another host (e.g. a name the test's resolver maps, or another 127.x address), same port.</summary>
    public Uri UrlOn(string host, string pathAndQuery) =>
        new UriBuilder(Url(pathAndQuery)) { Host = host }.Uri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }
}
