using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearline.Security;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Tenancy;

/// <summary>One operation of the OpenAPI document, whether it takes a body, and the API-key scopes its endpoint requires.</summary>
internal sealed partial record ApiOperation(HttpMethod Method, string Template, bool HasBody, IReadOnlyList<string> Scopes)
{
    /// <summary>The first segment after <c>/api/v1/</c>: what the route parameters name (<c>routes</c>, <c>hashlists</c>, …).</summary>
    public string Resource => Template.StartsWith(ApiOperations.Prefix, StringComparison.Ordinal) ? Template[ApiOperations.Prefix.Length..].Split('/')[0] : Template;

    public IReadOnlyList<string> Parameters => [.. ParameterPattern().Matches(Template).Select(m => m.Groups[1].Value)];

    /// <summary>The path with each route parameter replaced by <paramref name="valueOf"/>(name).</summary>
    public Uri Path(Func<string, string> valueOf) => new(ParameterPattern().Replace(Template, m => valueOf(m.Groups[1].Value)), UriKind.Relative);

    public override string ToString() => $"{Method} {Template}";

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex ParameterPattern();
}

/// <summary>Reads the operations the sweep covers from the app itself: its OpenAPI document and its endpoints.</summary>
internal static partial class ApiOperations
{
    public const string Prefix = "/api/v1/";

    private static readonly string[] OperationNames = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every path × method of <c>/openapi/v1.json</c>, with the scopes named by its endpoint's policies.</summary>
    public static async Task<IReadOnlyList<ApiOperation>> FromDocumentAsync(ClearlineTestApp app)
    {
        var body = await ProblemAssert.IsSuccessAsync(await app.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var endpoints = RouteEndpoints(app);
        var operations = new List<ApiOperation>();
        foreach (var path in JsonDocument.Parse(body).RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => OperationNames.Contains(o.Name)))
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var scopes = endpoints
                    .Where(e => Normalise(e.RoutePattern.RawText) == Normalise(path.Name) && Handles(e, method))
                    .SelectMany(e => e.Metadata.GetOrderedMetadata<RequireScopeAttribute>())
                    .Select(a => a.Scope)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal);
                operations.Add(new ApiOperation(method, path.Name, operation.Value.TryGetProperty("requestBody", out _), [.. scopes]));
            }
        }

        return operations;
    }

    /// <summary>Every <c>/api/v1</c> endpoint the app routes, as "METHOD /template", for comparison with the document.</summary>
    public static IReadOnlyList<string> RoutedApiEndpoints(ClearlineTestApp app) =>
    [
        .. RouteEndpoints(app)
            .Where(e => Normalise(e.RoutePattern.RawText).StartsWith(Prefix, StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText)}")),
    ];

    public static string Normalise(string? template) =>
        "/" + ConstraintPattern().Replace(template ?? "", "{$1}").Trim('/');

    /// <summary>A value that passes the route constraint of a parameter, naming nothing that exists.</summary>
    public static string Placeholder(string parameter) => parameter switch
    {
        "entryId" => "1",
        "sha256" => new string('0', 64),
        "countryCode" => "NL",
        "queue" => "notices",
        _ => Guid.NewGuid().ToString(),
    };

    /// <summary>
    /// Sends <paramref name="request"/>; null when it answered <paramref name="expected"/> as an RFC 9457 problem,
    /// otherwise a line naming the request, the answer and its body.
    /// </summary>
    public static async Task<string?> ExpectProblemAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected, string who)
    {
        var what = $"{request.Method} {request.RequestUri} {who}";
        using var response = await client.SendAsync(request, Ct);
        var type = response.Content.Headers.ContentType?.MediaType;
        return response.StatusCode == expected && type == "application/problem+json"
            ? null
            : $"{what}: expected {(int)expected} application/problem+json, got {(int)response.StatusCode} {type}: {await BodyAsync(response)}";
    }

    /// <summary>Like <see cref="ExpectProblemAsync"/> for a request that must succeed (the owner's control request).</summary>
    public static async Task<string?> ExpectSuccessAsync(HttpClient client, HttpRequestMessage request, string who)
    {
        using var response = await client.SendAsync(request, Ct);
        return response.IsSuccessStatusCode
            ? null
            : $"{request.Method} {request.RequestUri} {who}: expected success, got {(int)response.StatusCode}: {await BodyAsync(response)}";
    }

    public static void AddIfFailed(this List<string> failures, string? failure)
    {
        if (failure is not null)
        {
            failures.Add(failure);
        }
    }

    public static void AssertNone(IReadOnlyCollection<string> failures, string what) =>
        Assert.True(failures.Count == 0, $"{failures.Count} {what}:\n" + string.Join('\n', failures));

    private static List<RouteEndpoint> RouteEndpoints(ClearlineTestApp app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private static bool Handles(RouteEndpoint endpoint, HttpMethod method) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method.Method, StringComparer.OrdinalIgnoreCase) ?? false;

    /// <summary>The body for a failure message: text up to a screenful, media (a leaked preview, say) by its size only.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!type.StartsWith("text/", StringComparison.Ordinal) && !type.Contains("json", StringComparison.Ordinal) && type.Length > 0)
        {
            return $"<{(await response.Content.ReadAsByteArrayAsync(Ct)).Length} bytes of {type}>";
        }

        var body = await response.Content.ReadAsStringAsync(Ct);
        return body.Length <= 600 ? body : body[..600] + "…";
    }

    /// <summary><c>{id:guid}</c>, <c>{entryId:long}</c>, <c>{name?}</c> → <c>{id}</c>, as the document writes them.</summary>
    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial Regex ConstraintPattern();
}
