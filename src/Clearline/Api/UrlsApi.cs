using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/urls</c>: the URLs a crawl fetched, their hosting, and re-checks of them (also by route: <c>/api/v1/routes/{id}/rechecks</c>).</summary>
public static class UrlsApi
{
    public sealed record HostingResponse(string? IpAddress, string? CountryCode, long? Asn, string? NetworkOrganisation, bool? IsCdn, string? ReverseDns);

    public sealed record UrlResponse(
        Guid Id, Guid ReportId, string Url, string Role, int Depth, Guid? FoundOnId, string? FoundIn, string State, string Content,
        int? StatusCode, string? FinalUrl, string? ContentType, string? Error, DateTimeOffset? FetchedAt, string? MediaSha256, HostingResponse Hosting);

    public sealed record RecheckResponse(
        Guid Id, Guid UrlId, DateTimeOffset RequestedAt, DateTimeOffset? CheckedAt, string Outcome, int? StatusCode, string? Error,
        string? FoundSha256, int? PdqDistance, int ConsecutiveFailures);

    public sealed record UrlDetailResponse(UrlResponse Url, IReadOnlyList<RecheckResponse> Rechecks);

    /// <summary>
    /// The re-checks of a route's content URL, newest first; <c>progress</c>, after a re-check that failed the way
    /// removal does (404, 410…) without confirming it yet, says how many more such failures confirm removal.
    /// </summary>
    public sealed record RouteRechecksResponse(Guid RouteId, Guid UrlId, IReadOnlyList<RecheckResponse> Rechecks, RecheckProgress? Progress);

    public static RouteGroupBuilder MapUrlsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/urls").WithTags("URLs");
        group.MapGet("/{id:guid}", Get).RequireScope(ApiScopes.ReportsRead)
            .WithName("GetUrl").WithSummary("One crawled URL with its hosting and re-checks.");
        group.MapPost("/{id:guid}/recheck", Recheck).RequireScope(ApiScopes.ReportsWrite)
            .WithName("RecheckUrl").WithSummary("Fetch the URL again and record whether the same content is still there.");
        api.MapGet("/routes/{id:guid}/rechecks", ForRoute).RequireScope(ApiScopes.RoutesRead).WithTags("Takedown")
            .WithName("ListRouteRechecks")
            .WithSummary("Every re-check of the route's content URL and its outcome, for everyone who sees the route; after a 404, how many more failures confirm removal.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <remarks>
    /// The hotline the route is assigned to reads the re-checks it asked for, though they belong to the reporting
    /// hotline's crawl; a route the caller cannot see answers 404 (<see cref="RouteRechecks"/>).
    /// </remarks>
    public static async Task<Results<Ok<RouteRechecksResponse>, ProblemHttpResult>> ForRoute(
        Guid id, Caller caller, RouteViewers viewers, RouteRechecks rechecks, CancellationToken ct)
    {
        var result = await rechecks.ListAsync(await viewers.FindAsync(caller, ct), id, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new RouteRechecksResponse(result.Value.RouteId, result.Value.UrlId, [.. result.Value.Rechecks.Select(ToResponse)], result.Value.Progress))
            : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<ReportsApi.Page<UrlResponse>>, NotFound>> ListForReport(
        Guid id, Caller caller, ReportQueries reports, CancellationToken ct, Guid? cursor = null, int limit = 100)
    {
        var page = await reports.UrlsAsync(caller.OrganisationId, id, cursor, limit, ct);
        return page is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ReportsApi.Page<UrlResponse>([.. page.Items.Select(ToResponse)], page.NextCursor?.ToString("D")));
    }

    public static async Task<Results<Ok<UrlDetailResponse>, NotFound>> Get(Guid id, Caller caller, ReportQueries reports, CancellationToken ct) =>
        await reports.UrlAsync(caller.OrganisationId, id, ct) is { } url
            ? TypedResults.Ok(new UrlDetailResponse(ToResponse(url.Url), [.. url.Rechecks.Select(ToResponse)]))
            : TypedResults.NotFound();

    public static async Task<Results<Accepted<RecheckResponse>, NotFound>> Recheck(Guid id, Caller caller, Rechecks rechecks, CancellationToken ct)
    {
        var result = await rechecks.RequestAsync(caller.OrganisationId, id, caller.Actor, ct);
        return result.IsSuccess ? TypedResults.Accepted($"/api/v1/urls/{id}", ToResponse(result.Value)) : TypedResults.NotFound();
    }

    private static UrlResponse ToResponse(CrawledUrl u) => new(
        u.Id, u.ReportId, u.Url, u.Role.ToString().ToLowerInvariant(), u.Depth, u.FoundOnId, u.FoundIn, u.State.ToString().ToLowerInvariant(),
        u.Content.ToString().ToLowerInvariant(), u.StatusCode, u.FinalUrl, u.ContentType, u.Error, u.FetchedAt, u.MediaSha256,
        new HostingResponse(u.ServerAddress, u.CountryCode, u.Asn, u.NetworkOrganisation, u.IsCdn, u.ReverseDns));

    private static RecheckResponse ToResponse(Crawling.Recheck r) => new(
        r.Id, r.CrawledUrlId, r.RequestedAt, r.CheckedAt, r.Outcome.ToString().ToLowerInvariant(), r.StatusCode, r.Error, r.FoundSha256, r.PdqDistance, r.ConsecutiveFailures);
}
