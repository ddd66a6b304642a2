using System.Net;
using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>What a fetch records: status, headers, server address, certificate, times, user agent.</summary>
public sealed class EvidenceTests
{
    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Fetch_ErrorStatus_IsACompletedFetchWithTheStatus(int status)
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/x", () => HttpResults.Text("gone", statusCode: status)));
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/x"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Null(result.Error);
        Assert.False(result.Succeeded);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal("gone", System.Text.Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Fetch_Page_RecordsHeadersAddressAndTimes()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/x", (HttpContext context) =>
        {
            context.Response.Headers["X-Served-By"] = "test-site";
            return HttpResults.Text("<p>hello</p>", "text/html");
        }));
        using var fetcher = FetcherKit.Create();
        var before = DateTimeOffset.UtcNow;

        var result = await fetcher.FetchAsync(site.Url("/x"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(site.Url("/x"), result.RequestedUrl);
        Assert.Equal(site.Url("/x"), result.FinalUrl);
        Assert.Empty(result.Redirects);
        Assert.Equal("text/html", result.ContentType);
        Assert.Contains(new KeyValuePair<string, string>("X-Served-By", "test-site"), result.Headers);
        Assert.Contains(result.Headers, h => h.Key == "Content-Type");
        Assert.Equal(IPAddress.Loopback, result.ServerAddress);
        Assert.Null(result.Certificate);
        Assert.InRange(result.StartedAt, before, result.CompletedAt);
    }

    [Fact]
    public async Task Fetch_Https_RecordsTheSelfSignedCertificateAndItsValidationError()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/x", () => "secure"), https: true);
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/x"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        var certificate = Assert.IsType<TlsCertificateSummary>(result.Certificate);
        Assert.Equal("CN=localhost", certificate.Subject);
        Assert.Equal("CN=localhost", certificate.Issuer);
        Assert.Equal(site.Certificate!.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), certificate.Sha256Fingerprint);
        Assert.Contains("RemoteCertificateChainErrors", certificate.ValidationErrors, StringComparison.Ordinal);
        Assert.True(certificate.NotBefore < certificate.NotAfter);
    }

    [Fact]
    public async Task Fetch_HttpsWhenInvalidCertificatesAreRefused_FailsWithTlsFailureAndKeepsTheCertificate()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/x", () => "secure"), https: true);
        using var fetcher = FetcherKit.Create(o => o.AcceptInvalidCertificates = false);

        var result = await fetcher.FetchAsync(site.Url("/x"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.TlsFailure, result.Error?.Kind);
        Assert.NotNull(result.Certificate?.ValidationErrors);
    }

    [Fact]
    public async Task Fetch_SendsTheConfiguredUserAgentAndNoCookies()
    {
        string? userAgent = null;
        string? cookie = "unset";
        await using var site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/set", (HttpContext context) =>
            {
                context.Response.Cookies.Append("session", "abc");
                return HttpResults.Redirect("/echo");
            });
            app.MapGet("/echo", (HttpContext context) =>
            {
                userAgent = context.Request.Headers.UserAgent;
                cookie = context.Request.Headers.Cookie;
                return "ok";
            });
        });
        using var fetcher = FetcherKit.Create(o => o.UserAgent = "ClearlineTest/1.0");

        var result = await fetcher.FetchAsync(site.Url("/set"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal("ClearlineTest/1.0", userAgent);
        Assert.True(string.IsNullOrEmpty(cookie));
    }

    [Fact]
    public async Task Fetch_ServerHangsUpWithoutAnswering_ConnectionFailedOrProtocol()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var hangUps = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync(FetcherKit.Ct);
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The listener was stopped.
            }
        }, FetcherKit.Ct);
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/"), FetchPurpose.Page, FetcherKit.Ct);
        listener.Stop();
        await hangUps;

        Assert.Contains(result.Error?.Kind, new FetchErrorKind?[] { FetchErrorKind.ConnectionFailed, FetchErrorKind.Protocol });
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task Fetch_NothingListening_ConnectionFailed()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.ConnectionFailed, result.Error?.Kind);
    }
}
