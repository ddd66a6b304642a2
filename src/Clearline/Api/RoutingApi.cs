using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/routes</c>, <c>/designations</c> and <c>/mandates</c>: the hotline's "routed to us" and orphaned
/// queues, claiming and recording moved content, and the coordinator's routing settings.
/// </summary>
/// <remarks>
/// The organisation and its kind come from the API key, never from input. A route the key's organisation may not
/// see answers 404; an action it may not take answers 403 with the reason; coordinator-only actions are refused
/// in Core for every other organisation.
/// </remarks>
public static class RoutingApi
{
    public sealed record MovedRequest(string? CountryCode, string? IpAddress);

    public sealed record OrganisationRequest(Guid? OrganisationId);

    public sealed record MandateResponse(Guid OrganisationId, DateTimeOffset MandatedAt);

    /// <summary>The page is illegal Baseline, or National under the hotline's country's law.</summary>
    public sealed record WebsiteDecisionRequest(Verdict? Verdict);

    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        var routes = api.MapGroup("/routes").WithTags("Routing");
        routes.MapGet("/", List).RequireScope(ApiScopes.RoutesRead)
            .WithName("ListRoutes").WithSummary("A routing queue: assigned (routed to us), orphaned (coordinator and mandated hotlines), reported (our reports' content) or withdrawn (no longer decided illegal).");
        routes.MapGet("/{id:guid}", Get).RequireScope(ApiScopes.RoutesRead)
            .WithName("GetRoute").WithSummary("A content URL's route: the original report's context, hosting and routing history.");
        routes.MapPost("/{id:guid}/claim", Claim).RequireScope(ApiScopes.RoutesWrite)
            .WithName("ClaimRoute").WithSummary("A mandated hotline takes on orphaned content.");
        routes.MapPost("/{id:guid}/moved", Moved).RequireScope(ApiScopes.RoutesWrite)
            .WithName("RecordRouteMoved").WithSummary("The assigned hotline records that the content is hosted in another country now; it is routed there.");
        routes.MapPost("/{id:guid}/assign", Assign).RequireScope(ApiScopes.RoutesWrite)
            .WithName("AssignRoute").WithSummary("The coordinator assigns content to a hotline.");

        var designations = api.MapGroup("/designations").WithTags("Routing");
        designations.MapGet("/", ListDesignations).RequireScope(ApiScopes.RoutesRead)
            .WithName("ListDesignations").WithSummary("Every country with a hotline and the hotline its content is routed to (designated, or the oldest by default).");
        designations.MapPut("/{countryCode}", Designate).RequireScope(ApiScopes.RoutesWrite)
            .WithName("DesignateHotline").WithSummary("The coordinator designates the hotline of a country.");

        var mandates = api.MapGroup("/mandates").WithTags("Routing");
        mandates.MapPut("/{organisationId:guid}", GrantMandate).RequireScope(ApiScopes.RoutesWrite)
            .WithName("GrantOrphanMandate").WithSummary("The coordinator mandates a hotline to claim orphaned content.");
        mandates.MapDelete("/{organisationId:guid}", RevokeMandate).RequireScope(ApiScopes.RoutesWrite)
            .WithName("RevokeOrphanMandate").WithSummary("The coordinator withdraws a hotline's mandate.");
        var urls = api.MapGroup("/urls").WithTags("Routing");
        urls.MapPost("/{id:guid}/website-decision", DecideWebsite).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("DecideWebsite").WithSummary("The reporting hotline marks one of its crawled pages itself illegal (ICCAM's website type); the page URL is routed.");
        urls.MapDelete("/{id:guid}/website-decision", WithdrawWebsiteDecision).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("WithdrawWebsiteDecision").WithSummary("Withdraws the page's decision; its route is withdrawn while nobody acted on it.");
        foreach (var group in new[] { routes, designations, mandates, urls })
        {
            group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        return api;
    }

    public static async Task<Results<Ok<RoutePage>, ProblemHttpResult>> List(
        Caller caller, RouteViewers viewers, RouteQueries queries, CancellationToken ct, string? queue = null, Guid? cursor = null, int limit = 50)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        if (ParseQueue(queue) is not { } wanted)
        {
            return ErrorProblems.Problem(new InvalidError("queue", $"'{queue}' is not a queue; use assigned, orphaned, reported or withdrawn."));
        }

        return ToResult(await queries.ListAsync(viewer, wanted, cursor, Math.Clamp(limit, 1, RouteQueries.MaxPageSize), ct));
    }

    public static async Task<Results<Ok<RouteDetail>, ProblemHttpResult>> Get(
        Guid id, Caller caller, RouteViewers viewers, RouteQueries queries, CancellationToken ct)
    {
        var route = await queries.FindAsync(await viewers.FindAsync(caller, ct), id, ct);
        return route is null ? NotFound() : TypedResults.Ok(route);
    }

    public static Task<Results<Ok<RouteDetail>, ProblemHttpResult>> Claim(
        Guid id, Caller caller, RouteViewers viewers, ContentRouting routing, RouteQueries queries, CancellationToken ct) =>
        ChangeAsync(id, caller, viewers, queries, (viewer, actor) => routing.ClaimAsync(viewer, id, actor, ct), ct);

    public static Task<Results<Ok<RouteDetail>, ProblemHttpResult>> Moved(
        Guid id, MovedRequest body, Caller caller, RouteViewers viewers, ContentRouting routing, RouteQueries queries, CancellationToken ct) =>
        ChangeAsync(id, caller, viewers, queries, (viewer, actor) => routing.RecordMovedAsync(viewer, id, body.CountryCode, body.IpAddress, actor, ct), ct);

    public static Task<Results<Ok<RouteDetail>, ProblemHttpResult>> Assign(
        Guid id, OrganisationRequest body, Caller caller, RouteViewers viewers, ContentRouting routing, RouteQueries queries, CancellationToken ct) =>
        ChangeAsync(id, caller, viewers, queries, async (viewer, actor) => body.OrganisationId is { } hotline
            ? await routing.AssignAsync(viewer, id, hotline, actor, ct)
            : new InvalidError("organisationId", "The hotline to assign the content to is required."), ct);

    public static async Task<Results<Ok<IReadOnlyList<DesignationView>>, ProblemHttpResult>> ListDesignations(HotlineDesignations designations, CancellationToken ct) =>
        TypedResults.Ok(await designations.ListAsync(ct));

    public static async Task<Results<Ok<DesignationView>, ProblemHttpResult>> Designate(
        string countryCode, OrganisationRequest body, Caller caller, RouteViewers viewers, HotlineDesignations designations, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        if (body.OrganisationId is not { } hotline)
        {
            return ErrorProblems.Problem(new InvalidError("organisationId", "The hotline to designate is required."));
        }

        return ToResult(await designations.SetAsync(viewer, countryCode, hotline, caller.Actor, ct));
    }

    public static async Task<Results<Ok<MandateResponse>, ProblemHttpResult>> GrantMandate(
        Guid organisationId, Caller caller, RouteViewers viewers, OrphanMandates mandates, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await mandates.GrantAsync(viewer, organisationId, caller.Actor, ct);
        return result.IsSuccess ? TypedResults.Ok(new MandateResponse(result.Value.OrganisationId, result.Value.MandatedAt)) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeMandate(
        Guid organisationId, Caller caller, RouteViewers viewers, OrphanMandates mandates, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await mandates.RevokeAsync(viewer, organisationId, caller.Actor, ct);
        return result.IsSuccess ? TypedResults.NoContent() : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<WebsiteDecisionView>, ProblemHttpResult>> DecideWebsite(
        Guid id, WebsiteDecisionRequest body, Caller caller, WebsiteDecisions decisions, CancellationToken ct) =>
        ToResult(await decisions.DecideAsync(caller, id, body.Verdict, ct));

    public static async Task<Results<Ok<WebsiteDecisionView>, ProblemHttpResult>> WithdrawWebsiteDecision(
        Guid id, Caller caller, WebsiteDecisions decisions, CancellationToken ct) =>
        ToResult(await decisions.WithdrawAsync(caller, id, ct));

    /// <summary>Runs a change to a route and answers with the route as the caller now sees it.</summary>
    private static async Task<Results<Ok<RouteDetail>, ProblemHttpResult>> ChangeAsync(
        Guid id, Caller caller, RouteViewers viewers, RouteQueries queries,
        Func<RouteViewer, AuditActor, Task<Result<ContentRoute>>> change, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await change(viewer, caller.Actor);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        // The caller may no longer see an orphaned route it moved away from its queue, but it keeps seeing
        // routes once assigned to it, so the detail is there.
        return await queries.FindAsync(viewer, id, ct) is { } detail ? TypedResults.Ok(detail) : NotFound();
    }

    private static RouteQueue? ParseQueue(string? queue) => queue?.Trim().ToLowerInvariant() switch
    {
        null or "" or "assigned" => RouteQueue.Assigned,
        "orphaned" => RouteQueue.Orphaned,
        "reported" => RouteQueue.Reported,
        "withdrawn" => RouteQueue.Withdrawn,
        _ => null,
    };

    private static Results<Ok<T>, ProblemHttpResult> ToResult<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);

    private static ProblemHttpResult NotFound() => ErrorProblems.Problem(new NotFoundError("No such route, or not one your organisation can see."));

}
