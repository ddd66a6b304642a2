using Clearline.ApiKeys;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/routes/{id}/actions</c> and <c>/api/v1/actions/queues</c>: recording actions on a content URL (notice to
/// the host, report to police, removed...), its takedown history with the time to removal, and the takedown queues.
/// </summary>
/// <remarks>
/// The organisation comes from the API key, never from input. A route the key's organisation may not see answers
/// 404; one it sees but is not assigned answers 403 naming the hotline that acts on it. Recording needs
/// <c>actions:write</c>; reading needs <c>routes:read</c>, the scope that shows routes.
/// </remarks>
public static class TakedownApi
{
    /// <summary>An action to record; <c>countryCode</c> and <c>ipAddress</c> only with <c>Moved</c>.</summary>
    public sealed record ActionRequest(TakedownActionKind? Kind, ActionReason? Reason, string? Note, string? CountryCode, string? IpAddress);

    public static RouteGroupBuilder MapTakedownApi(this RouteGroupBuilder api)
    {
        var routes = api.MapGroup("/routes/{id:guid}/actions").WithTags("Takedown");
        routes.MapPost("/", Record).RequireScope(ApiScopes.ActionsWrite)
            .WithName("RecordAction").WithSummary("The assigned hotline records an action on the content with a standard reason; a notice to the host starts removal re-checks.");
        routes.MapPost("/recheck", RecheckNow).RequireScope(ApiScopes.ActionsWrite)
            .WithName("RecheckNow").WithSummary("After a notice, re-check the content now; a re-check that finds it gone records the removal.");
        routes.MapGet("/", History).RequireScope(ApiScopes.RoutesRead)
            .WithName("ListActions").WithSummary("The content's takedown: state, re-check schedule, time to removal and every action.");

        var queues = api.MapGroup("/actions/queues").WithTags("Takedown");
        queues.MapGet("/{queue}", Queue).RequireScope(ApiScopes.RoutesRead)
            .WithName("ListTakedownQueue").WithSummary("A takedown queue of content assigned to us: unactioned, awaiting-recheck or offline.");
        foreach (var group in new[] { routes, queues })
        {
            group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        return api;
    }

    public static async Task<Results<Created<TakedownView>, ProblemHttpResult>> Record(
        Guid id, ActionRequest body, Caller caller, RouteViewers viewers, TakedownActions actions, TakedownQueries queries, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        if (body.Kind is not { } kind)
        {
            return ErrorProblems.Problem(new InvalidError("kind", $"The action is required; use one of {string.Join(", ", Enum.GetNames<TakedownActionKind>())}."));
        }

        if (body.Reason is not { } reason)
        {
            return ErrorProblems.Problem(new InvalidError("reason", $"A reason for {kind} is required; use one of {string.Join(", ", ActionReasons.For(kind))}."));
        }

        var actor = caller.Actor;
        var result = await actions.RecordAsync(viewer, id, new NewAction(kind, reason, body.Note, body.CountryCode, body.IpAddress), actor, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        // A hotline that moved the content keeps seeing the route (it was assigned to it), so the view is there.
        return await queries.FindAsync(viewer, id, ct) is { } view ? TypedResults.Created($"/api/v1/routes/{id}/actions", view) : NotFound();
    }

    /// <summary>
    /// The re-check asked for: its id and when it was asked; its outcome shows in the takedown once it has run.
    /// <c>progress</c>: after a re-check that answered 404 (or 410…) without confirming removal, how many more such failures confirm it.
    /// </summary>
    public sealed record RecheckNowResponse(Guid RecheckId, DateTimeOffset RequestedAt, RecheckProgress? Progress = null);

    public static async Task<Results<Accepted<RecheckNowResponse>, ProblemHttpResult>> RecheckNow(
        Guid id, Caller caller, RouteViewers viewers, TakedownActions actions, RouteRechecks rechecks, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await actions.RecheckNowAsync(viewer, id, caller.Actor, ct);
        var progress = result.IsSuccess && (await rechecks.ListAsync(viewer, id, ct)) is { IsSuccess: true } listed ? listed.Value.Progress : null;
        return result.IsSuccess
            ? TypedResults.Accepted($"/api/v1/routes/{id}/actions", new RecheckNowResponse(result.Value.Id, result.Value.RequestedAt, progress))
            : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<TakedownView>, ProblemHttpResult>> History(
        Guid id, Caller caller, RouteViewers viewers, TakedownQueries queries, CancellationToken ct)
    {
        var view = await queries.FindAsync(await viewers.FindAsync(caller, ct), id, ct);
        return view is null ? NotFound() : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<TakedownQueuePage>, ProblemHttpResult>> Queue(
        string queue, Caller caller, RouteViewers viewers, TakedownQueries queries, CancellationToken ct, Guid? cursor = null, int limit = 50)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        TakedownQueue? wanted = queue.ToLowerInvariant() switch
        {
            "unactioned" => TakedownQueue.Unactioned,
            "awaiting-recheck" => TakedownQueue.AwaitingRecheck,
            "offline" => TakedownQueue.Offline,
            _ => null,
        };
        if (wanted is not { } known)
        {
            return ErrorProblems.Problem(new InvalidError("queue", $"'{queue}' is not a takedown queue; use unactioned, awaiting-recheck or offline."));
        }

        return TypedResults.Ok(await queries.ListAsync(viewer, known, cursor, Math.Clamp(limit, 1, TakedownQueries.MaxPageSize), ct));
    }

    private static ProblemHttpResult NotFound() => ErrorProblems.Problem(new NotFoundError("No such route, or not one your organisation can see."));

}
