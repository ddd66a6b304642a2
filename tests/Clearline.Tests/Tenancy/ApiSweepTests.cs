using System.Net;
using System.Net.Http.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;

namespace Clearline.Tests.Tenancy;

/// <summary>
/// Every operation of the OpenAPI document, called over HTTP: without a key it answers 401, with a key lacking its
/// scope 403, and with another tenant's id 404, each as an RFC 9457 problem. A new endpoint is swept by being in
/// the document; one that is routed but left out of the document fails <see cref="EveryRoutedApiEndpoint_IsInTheOpenApiDocument"/>.
/// </summary>
/// <remarks>
/// Order of the checks, verified here: authentication and authorisation run as middleware before an endpoint binds
/// its parameters, so the 401 and 403 requests carry no body at all (a binding-first endpoint would answer 400).
/// The tenant check runs in the handler, after binding, so the 404 requests carry a valid body (<see cref="ValidBody"/>).
/// </remarks>
public sealed class ApiSweepTests
{
    /// <summary>
    /// The only anonymous paths: liveness and readiness for the orchestrator, the OpenAPI document and its reference
    /// page, which describe the API and hold no data. None of them is an operation of the document.
    /// </summary>
    private static readonly string[] AnonymousPaths = ["/health/live", "/health/ready", "/openapi/v1.json", "/api/reference"];

    /// <summary>
    /// Route parameters that name no tenant's row, so "another tenant's id" has no meaning for them: a country
    /// (the coordinator designates a hotline for it), an organisation (only the coordinator grants mandates and
    /// administers organisations, and a hotline is refused with 403 whatever it names) and a queue name. Every other route parameter gets a real row
    /// of tenant A from <see cref="TenantRows"/>; none is left to a random id.
    /// </summary>
    private static readonly (string Resource, string Parameter)[] NotTenantOwned =
        [("designations", "countryCode"), ("mandates", "organisationId"), ("organisations", "id"), ("actions", "queue")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task EveryApiOperation_WithoutKey_Answers401Problem(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var operations = await SweptAsync(app);
        var anonymous = app.CreateClient();
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            using var request = new HttpRequestMessage(operation.Method, operation.Path(ApiOperations.Placeholder));
            failures.AddIfFailed(await ApiOperations.ExpectProblemAsync(anonymous, request, HttpStatusCode.Unauthorized, "without a key"));
        }

        ApiOperations.AssertNone(failures, $"of {operations.Count} operations did not refuse a request without a key");
    }

    [Theory]
    [BothDatabases]
    public async Task EveryApiOperation_KeyWithEveryScopeButItsOwn_Answers403Problem(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var operations = await SweptAsync(app);
        var organisation = await app.CreateOrganisationAsync();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            if (operation.Scopes.Count == 0)
            {
                failures.Add($"{operation}: its endpoint requires no API-key scope (RequireScope)");
                continue;
            }

            var others = ScopeCeilings.For(OrganisationKind.Hotline).Except(operation.Scopes).Order(StringComparer.Ordinal).ToArray();
            var name = string.Join(' ', others);
            if (!clients.TryGetValue(name, out var client))
            {
                clients[name] = client = app.CreateClient(await app.CreateApiKeyAsync(organisation, others));
            }

            using var request = new HttpRequestMessage(operation.Method, operation.Path(ApiOperations.Placeholder));
            failures.AddIfFailed(await ApiOperations.ExpectProblemAsync(client, request, HttpStatusCode.Forbidden, $"with every scope but {string.Join(", ", operation.Scopes)}"));
        }

        ApiOperations.AssertNone(failures, $"of {operations.Count} operations did not refuse a key without their scope");
    }

    [Theory]
    [BothDatabases]
    public async Task EveryApiOperation_OtherTenantsId_Answers404Problem(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var operations = await SweptAsync(network.App);
        var rows = await TenantRows.SeedAsync(network);
        var failures = new List<string>();
        var swept = 0;

        // Operations no hotline key may call (the coordinator's approvals) answer 403 whatever the id; the key
        // ceiling sweep covers them.
        var hotlineCeiling = ScopeCeilings.For(OrganisationKind.Hotline);
        foreach (var operation in operations.Where(o =>
            o.Scopes.All(hotlineCeiling.Contains) && o.Parameters.Any(p => !NotTenantOwned.Contains((o.Resource, p)))))
        {
            var missing = operation.Parameters.Where(p => rows.IdOf(operation.Resource, p) is null && !NotTenantOwned.Contains((operation.Resource, p))).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"{operation}: no row of tenant A for {string.Join(", ", missing)}; seed one in TenantRows or, with the reason, list it in NotTenantOwned");
                continue;
            }

            var body = operation.HasBody ? ValidBody(operation, rows) : null;
            if (operation.HasBody && body is null)
            {
                failures.Add($"{operation}: takes a body, and the sweep has no valid one for it (ValidBody), so a 400 could hide the tenant check");
                continue;
            }

            var path = operation.Path(p => rows.IdOf(operation.Resource, p) ?? ApiOperations.Placeholder(p));
            using var request = new HttpRequestMessage(operation.Method, path) { Content = body };
            failures.AddIfFailed(await ApiOperations.ExpectProblemAsync(rows.ClientB, request, HttpStatusCode.NotFound, "with another tenant's key holding every scope"));
            swept++;

            // The control: the row is real and its owner reaches it, so B's 404 is the tenant check and not a typo.
            if (operation.Method == HttpMethod.Get)
            {
                using var own = new HttpRequestMessage(HttpMethod.Get, path);
                failures.AddIfFailed(await ApiOperations.ExpectSuccessAsync(rows.ClientA, own, "by its owner"));
            }
        }

        Assert.True(swept >= 20, $"Only {swept} operations with an id were swept; is the document complete?");
        ApiOperations.AssertNone(failures, $"of {swept} operations with an id did not hide another tenant's row");
    }

    [Fact]
    public async Task EveryRoutedApiEndpoint_IsInTheOpenApiDocument()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var documented = (await ApiOperations.FromDocumentAsync(app)).Select(o => $"{o.Method} {ApiOperations.Normalise(o.Template)}").ToHashSet(StringComparer.Ordinal);

        var undocumented = ApiOperations.RoutedApiEndpoints(app).Where(e => !documented.Contains(e)).ToList();

        Assert.True(documented.Count > 40, $"Only {documented.Count} operations in /openapi/v1.json; the sweep is not seeing the API.");
        ApiOperations.AssertNone(undocumented, "API endpoints are routed but not in /openapi/v1.json, so the sweep cannot see them");
    }

    [Fact]
    public async Task AnonymousPaths_WithoutKey_AreServed()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var anonymous = app.CreateClient();
        var failures = new List<string>();

        foreach (var path in AnonymousPaths)
        {
            var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
            {
                // The reference page moves to its canonical address (a trailing slash); follow that once.
                response.Dispose();
                response = await anonymous.GetAsync(new Uri(new Uri("http://localhost" + path), location), Ct);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"GET {path} without a key: expected success, got {(int)response.StatusCode} {response.Headers.Location}: {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }

        ApiOperations.AssertNone(failures, "anonymous paths were not served");
    }

    /// <summary>The document's operations less the anonymous allow-list; fails if the document looks empty.</summary>
    private static async Task<IReadOnlyList<ApiOperation>> SweptAsync(ClearlineTestApp app)
    {
        var operations = (await ApiOperations.FromDocumentAsync(app)).Where(o => !AnonymousPaths.Contains(o.Template)).ToList();
        Assert.True(operations.Count > 40, $"Only {operations.Count} operations in /openapi/v1.json; the sweep is not seeing the API.");
        return operations;
    }

    /// <summary>
    /// A body that binds and passes the handler's own input checks, so that the tenant check is what answers;
    /// null for operations without a body. An operation with a body missing here fails the sweep.
    /// </summary>
    private static HttpContent? ValidBody(ApiOperation operation, TenantRows rows) => operation.ToString() switch
    {
        "POST /api/v1/hashlists/{id}/imports" => TenantRows.ImportBody(),
        "PATCH /api/v1/hashlists/{id}" => JsonContent.Create(new { name = "Renamed by another tenant" }),
        "PATCH /api/v1/federation/subscriptions/{id}" => JsonContent.Create(new { feedUrl = "https://another-tenant.example/api/v1/federation/feed" }),
        "PUT /api/v1/hashlists/{id}/ncmec" => JsonContent.Create(new { environment = "NpoCsam", username = "another-tenant", password = "another tenant's password" }),
        "POST /api/v1/hashlists/{id}/entries/{entryId}/tombstone" => JsonContent.Create(new { reason = "Removed by another tenant" }),
        "POST /api/v1/hashlists/{id}/approve" => JsonContent.Create(new { }),
        "POST /api/v1/hashlists/{id}/refuse" => JsonContent.Create(new { reason = "Refused by another tenant" }),
        "POST /api/v1/matches/{id}/review" => JsonContent.Create(new { review = "confirmed" }),
        "POST /api/v1/routes/{id}/moved" => JsonContent.Create(new { countryCode = "DE", ipAddress = "192.0.2.20" }),
        "POST /api/v1/routes/{id}/origin" => JsonContent.Create(new { countryCode = "DE", ipAddress = "192.0.2.20", organisation = "Another tenant" }),
        "POST /api/v1/routes/{id}/assign" => JsonContent.Create(new { organisationId = rows.B.Id }),
        "PUT /api/v1/people/{id}/role" => JsonContent.Create(new { role = "Supervisor" }),
        "POST /api/v1/routes/{id}/actions" => JsonContent.Create(new { kind = "ReportedToLea", reason = "IllegalContent" }),
        "POST /api/v1/routes/{id}/referral/messages" => JsonContent.Create(new { body = "Posted by another tenant" }),
        "POST /api/v1/urls/{id}/website-decision" => JsonContent.Create(new { verdict = "Baseline" }),
        "POST /api/v1/holds/{id}/lift" => JsonContent.Create(new { reason = "Lifted by another tenant" }),
        "PUT /api/v1/reports/{id}/context" => JsonContent.Create(new { hotlineReference = "Edited by another tenant" }),
        "POST /api/v1/triage/{id}/accept" => JsonContent.Create(new { hotlineReference = "Accepted by another tenant" }),
        "POST /api/v1/triage/{id}/close" => JsonContent.Create(new { reason = "NotIllegal" }),
        "POST /api/v1/routes/{id}/notices/draft" => JsonContent.Create(new { language = "en" }),
        "POST /api/v1/routes/{id}/notices" => JsonContent.Create(new { channel = "Webhook", recipient = "https://host.example/abuse", language = "en", subject = "Notice", body = "Please remove it." }),
        _ => null,
    };
}
