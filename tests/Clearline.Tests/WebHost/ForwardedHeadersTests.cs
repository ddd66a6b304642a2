using System.Net;
using System.Text.RegularExpressions;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Tests.Account;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.WebHost;

/// <summary>X-Forwarded-For/Proto count only from a configured proxy: then HSTS, Secure cookies and the audit's client address follow them.</summary>
public sealed partial class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";
    private const string Client = "203.0.113.7";
    private const string Stranger = "198.51.100.9";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["ForwardedHeaders:KnownNetworks:0"] = "192.0.2.0/24",
    };

    [Theory]
    [InlineData(Proxy)]
    [InlineData("192.0.2.44")]
    public async Task FromAConfiguredProxy_HttpsAndClientAddressAreTheForwardedOnes(string proxy)
    {
        await using var host = await AccountTestHost.StartAsync(Settings);

        var page = await SendAsync(host, proxy, "GET", "/Account/Login");

        Assert.True(page.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Contains("secure", AntiforgeryCookie(page), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Client, await FailedSignInAddressAsync(host, proxy, page));
    }

    [Fact]
    public async Task FromAnyoneElse_ForwardedHeadersAreIgnored()
    {
        await using var host = await AccountTestHost.StartAsync(Settings);

        var page = await SendAsync(host, Stranger, "GET", "/Account/Login");

        Assert.False(page.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", AntiforgeryCookie(page), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Stranger, await FailedSignInAddressAsync(host, Stranger, page));
    }

    [Fact]
    public async Task NothingConfigured_EvenLoopbackIsNotTrusted()
    {
        await using var host = await AccountTestHost.StartAsync();

        var page = await SendAsync(host, "127.0.0.1", "GET", "/Account/Login");

        Assert.False(page.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal("127.0.0.1", await FailedSignInAddressAsync(host, "127.0.0.1", page));
    }

    /// <summary>Fails a sign-in through <paramref name="from"/> and returns the client address the audit recorded for it.</summary>
    private static async Task<string?> FailedSignInAddressAsync(AccountTestHost host, string from, HttpContext page)
    {
        var html = await new StreamReader(page.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        var cookie = AntiforgeryCookie(page).Split(';')[0];
        var form = $"Input.Email={Guid.NewGuid():N}%40example.org&Input.Password=wrong&__RequestVerificationToken={Uri.EscapeDataString(Browser.AntiforgeryToken(html))}";
        var posted = await SendAsync(host, from, "POST", "/Account/Login", context =>
        {
            context.Request.Headers.Cookie = cookie;
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(form));
        });
        Assert.Equal((int)HttpStatusCode.OK, posted.Response.StatusCode);

        await using var scope = host.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Clearline.Tenancy.TenantContext>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.UserSignInFailed).OrderByDescending(e => e.Sequence).Select(e => e.ClientIp)
            .FirstAsync(TestContext.Current.CancellationToken);
    }

    private static Task<HttpContext> SendAsync(AccountTestHost host, string from, string method, string path, Action<HttpContext>? more = null) =>
        host.App.GetTestServer().SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("clearline.example.org");
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(from);
            context.Request.Headers["X-Forwarded-For"] = Client;
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            more?.Invoke(context);
        }, TestContext.Current.CancellationToken);

    private static string AntiforgeryCookie(HttpContext page) =>
        page.Response.Headers.SetCookie.FirstOrDefault(c => c is not null && AntiforgeryName().IsMatch(c)) ?? throw new InvalidOperationException("No antiforgery cookie.");

    [GeneratedRegex("^clearline\\.antiforgery=")]
    private static partial Regex AntiforgeryName();
}
