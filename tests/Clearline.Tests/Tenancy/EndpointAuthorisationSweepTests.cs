using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Tenancy;

/// <summary>
/// Metadata: every endpoint, pages included, names a policy or is explicitly anonymous. What the API actually answers
/// without a key, without the scope and across tenants is swept over HTTP in <see cref="ApiSweepTests"/>.
/// </summary>
public sealed class EndpointAuthorisationSweepTests
{
    /// <summary>Every endpoint says who may call it: an authorisation policy, or explicitly anonymous.</summary>
    [Fact]
    public async Task EveryEndpoint_IsAuthorisedOrExplicitlyAnonymous()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            // The static-asset fallback ({**path:file}) carries no metadata of its own; the fallback policy
            // (a fully signed-in person) covers it, which the test below checks over HTTP.
            .Where(e => e is not RouteEndpoint { Order: int.MaxValue })
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => (e.DisplayName ?? (e as RouteEndpoint)?.RoutePattern.RawText ?? "?"))
            .ToList();

        Assert.True(endpoints.Count > 10, $"Only {endpoints.Count} endpoints found; the sweep is not seeing the app.");
        Assert.True(unprotected.Count == 0, "Endpoints with neither a policy nor [AllowAnonymous]:\n" + string.Join('\n', unprotected));
    }

    [Fact]
    public async Task AnonymousEndpoints_AreOnlyTheExpectedOnes()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => !IsStaticAsset(p))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        string[] allowed = ["health/live", "health/ready", "openapi/{documentName}.json", "api/reference", "Account/Login", "Account/LoginWith2fa", "Account/AccessDenied", "Error", "report/{country?}", "report/status/{reference?}"];
        var unexpected = anonymous.Where(p => !allowed.Any(a => p.TrimStart('/').StartsWith(a, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected anonymous endpoints:\n" + string.Join('\n', unexpected));
    }

    [Fact]
    public async Task UnknownPath_WithoutSession_IsChallengedNotServed()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);

        var response = await app.CreateClient().GetAsync(new Uri("/no/such/page.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is System.Net.HttpStatusCode.Redirect or System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.NotFound,
            $"Got {(int)response.StatusCode}");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static bool IsStaticAsset(string pattern) =>
        pattern.StartsWith("css/", StringComparison.Ordinal) || pattern.StartsWith("js/", StringComparison.Ordinal)
        || pattern.StartsWith("img/", StringComparison.Ordinal) || pattern.StartsWith("clearline.", StringComparison.Ordinal)
        || pattern.Contains("scalar", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("favicon", StringComparison.Ordinal);
}
