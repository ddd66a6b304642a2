using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.ApiKeys;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Tenancy;

/// <summary>
/// The key ceiling, for every organisation kind and every operation of the OpenAPI document (issue 12, point 2): a
/// key is refused exactly the operations whose scope is above its organisation's ceiling, even when it was stored
/// holding every scope, and creating a key above the ceiling is refused naming the scope.
/// </summary>
public sealed class KeyCeilingSweepTests
{
    /// <summary>The detail of the authorisation's own 403, told apart from a handler's refusal (another kind of 403).</summary>
    private const string LacksScope = "This API key lacks the scope this endpoint requires.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task EveryApiOperation_StoredKeyWithEveryScope_IsRefusedExactlyAboveItsKindsCeiling(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var operations = (await ApiOperations.FromDocumentAsync(app)).Where(o => o.Scopes.Count > 0).ToList();
        Assert.True(operations.Count > 40, $"Only {operations.Count} operations with a scope; the sweep is not seeing the API.");
        var failures = new List<string>();

        foreach (var kind in Enum.GetValues<OrganisationKind>())
        {
            var ceiling = ScopeCeilings.For(kind);
            var organisation = await app.CreateOrganisationAsync(kind, "NL");
            var (_, secret) = await StoredKeys.StoreAsync(app, organisation, ApiScopes.All);
            using var client = app.CreateClient(secret);
            var refused = 0;

            foreach (var operation in operations)
            {
                var above = operation.Scopes.Where(s => !ceiling.Contains(s)).ToList();
                using var request = new HttpRequestMessage(operation.Method, operation.Path(ApiOperations.Placeholder));
                using var response = await client.SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                var refusedForScope = response.StatusCode == HttpStatusCode.Forbidden && body.Contains(LacksScope, StringComparison.Ordinal);
                if (above.Count > 0 && !refusedForScope)
                {
                    failures.Add($"{kind}: {operation} needs {string.Join(", ", above)}, above the ceiling, and answered {(int)response.StatusCode}: {Short(body)}");
                }
                else if (above.Count == 0 && (refusedForScope || response.StatusCode == HttpStatusCode.Unauthorized))
                {
                    failures.Add($"{kind}: {operation} needs only {string.Join(", ", operation.Scopes)}, within the ceiling, and was refused {(int)response.StatusCode}: {Short(body)}");
                }

                refused += refusedForScope ? 1 : 0;
            }

            if (kind != OrganisationKind.Hotline && refused == 0)
            {
                failures.Add($"{kind}: no operation was refused, so the ceiling was not applied at all");
            }
        }

        ApiOperations.AssertNone(failures, "operations did not follow the key ceiling of the organisation's kind");
    }

    [Theory]
    [BothDatabases]
    public async Task CreateApiKey_EveryScopeAboveTheCeiling_IsRefusedForEveryKind(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var failures = new List<string>();

        foreach (var kind in Enum.GetValues<OrganisationKind>())
        {
            var ceiling = ScopeCeilings.For(kind);
            var organisation = await app.CreateOrganisationAsync(kind, "NL");
            using var admin = app.CreateClient(await app.CreateApiKeyAsync(organisation, [.. ceiling]));

            foreach (var scope in ApiScopes.All.Order(StringComparer.Ordinal))
            {
                using var response = await admin.PostAsJsonAsync(
                    new Uri("/api/v1/api-keys", UriKind.Relative), new { name = $"{scope} {Guid.NewGuid():N}", scopes = new[] { scope } }, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                if (ceiling.Contains(scope))
                {
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failures.Add($"{kind}: '{scope}' is within the ceiling and was refused {(int)response.StatusCode}: {Short(body)}");
                    }

                    continue;
                }

                var named = response.StatusCode == HttpStatusCode.BadRequest
                    && JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("scopes", out var errors)
                    && errors.EnumerateArray().Any(e => e.GetString()!.Contains($"'{scope}'", StringComparison.Ordinal));
                if (!named)
                {
                    failures.Add($"{kind}: '{scope}' is above the ceiling and answered {(int)response.StatusCode} without naming it on 'scopes': {Short(body)}");
                }
            }
        }

        ApiOperations.AssertNone(failures, "key creations did not follow the ceiling");
    }

    private static string Short(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
