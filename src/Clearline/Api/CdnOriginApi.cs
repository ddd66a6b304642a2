using Clearline.ApiKeys;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>POST /api/v1/routes/{id}/origin</c>: the assigned hotline records the origin host behind a CDN (country,
/// address, organisation) that it learned from the CDN; the route moves to the origin country's hotline.
/// </summary>
/// <remarks>
/// A route the key's organisation may not see answers 404; another hotline that sees it answers 403; a route not
/// behind a CDN answers 409; a bad country, address or organisation answers 400 naming the field.
/// </remarks>
public static class CdnOriginApi
{
    /// <param name="CountryCode">The origin's hosting country (ISO 3166-1 alpha-2).</param>
    /// <param name="IpAddress">The origin's IP address, if the CDN gave it.</param>
    /// <param name="Organisation">The organisation hosting the origin, if the CDN named it.</param>
    public sealed record OriginRequest(string? CountryCode, string? IpAddress, string? Organisation);

    public static RouteGroupBuilder MapCdnOriginApi(this RouteGroupBuilder api)
    {
        api.MapPost("/routes/{id:guid}/origin", Record).RequireScope(ApiScopes.ActionsWrite).WithTags("Routing")
            .WithName("RecordRouteOrigin")
            .WithSummary("The assigned hotline records the origin host behind a CDN; the content is routed to the origin country's hotline.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<RouteDetail>, ProblemHttpResult>> Record(
        Guid id, OriginRequest body, Caller caller, RouteViewers viewers, CdnOrigins origins, RouteQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var viewer = await viewers.FindAsync(caller, ct);
        var result = await origins.RecordAsync(viewer, id, body.CountryCode, body.IpAddress, body.Organisation, caller.Actor, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        return await queries.FindAsync(viewer, id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ErrorProblems.Problem(new NotFoundError("No such route, or not one your organisation can see."));
    }
}
