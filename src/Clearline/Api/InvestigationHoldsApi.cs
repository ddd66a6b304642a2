using Clearline.ApiKeys;
using Clearline.InvestigationHolds;
using Clearline.LawEnforcement;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/investigation-holds</c>: a police unit asks the hotlines not to notify the host of an item until a date;
/// and <c>/api/v1/routes/{id}/investigation-hold</c>: what the hotline assigned to a route learns of it.
/// </summary>
/// <remarks>
/// The holder is the key's police unit, never input; every hold endpoint needs investigation-holds:write (listing too:
/// a unit's holds name items of its investigations, so only who may place them reads them). Another unit's hold, an
/// item the unit does not see (<see cref="PortalAccess.ItemsFor"/>), and any caller that is not a police unit answer
/// 404. The route endpoint needs routes:read; only the assigned hotline sees holds there, others an empty list.
/// </remarks>
public static class InvestigationHoldsApi
{
    public sealed record PlaceInvestigationHoldRequest(string? MediaSha256, Guid? ReferralId, DateOnly? Until, string? Reason, bool ReasonShared = false);

    public sealed record ChangeUntilRequest(DateOnly? Until);

    public sealed record LiftInvestigationHoldRequest(string? Reason);

    public static RouteGroupBuilder MapInvestigationHoldsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/investigation-holds").WithTags("InvestigationHolds");
        group.MapGet("/", List).RequireScope(ApiScopes.InvestigationHoldsWrite)
            .WithName("ListInvestigationHolds").WithSummary("The unit's investigation holds, newest first; pass nextCursor as cursor for the next page.");
        group.MapPost("/", Place).RequireScope(ApiScopes.InvestigationHoldsWrite)
            .WithName("PlaceInvestigationHold").WithSummary("Asks the hotlines not to notify the host of an item until a date (at most 12 months ahead).");
        group.MapGet("/{id:guid}", Get).RequireScope(ApiScopes.InvestigationHoldsWrite)
            .WithName("GetInvestigationHold").WithSummary("One of the unit's investigation holds.");
        group.MapPost("/{id:guid}/lift", Lift).RequireScope(ApiScopes.InvestigationHoldsWrite)
            .WithName("LiftInvestigationHold").WithSummary("Ends an active hold now, with the reason: the host may be notified.");
        group.MapPost("/{id:guid}/until", ChangeUntil).RequireScope(ApiScopes.InvestigationHoldsWrite)
            .WithName("ChangeInvestigationHoldUntil").WithSummary("Moves an active hold's date.");
        group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/routes/{id:guid}/investigation-hold", OnRoute).RequireScope(ApiScopes.RoutesRead).WithTags("InvestigationHolds")
            .WithName("GetRouteInvestigationHold").WithSummary("The active investigation holds on the route's content, for the hotline it is assigned to.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public sealed record InvestigationHoldListResponse(IReadOnlyList<InvestigationHoldView> Items, Guid? NextCursor);

    public static async Task<Results<Ok<InvestigationHoldListResponse>, ProblemHttpResult>> List(
        Caller caller, InvestigationHoldActions holds, CancellationToken ct, Guid? cursor = null, int limit = 100)
    {
        var page = await holds.ListAsync(Officer.For(caller), cursor, limit, ct);
        return page.IsSuccess ? TypedResults.Ok(new InvestigationHoldListResponse(page.Value.Items, page.Value.NextCursor)) : ErrorProblems.Problem(page.Error);
    }

    public static async Task<Results<Ok<InvestigationHoldView>, ProblemHttpResult>> Get(Guid id, Caller caller, InvestigationHoldActions holds, CancellationToken ct)
    {
        var result = await holds.FindAsync(Officer.For(caller), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Created<InvestigationHoldView>, ProblemHttpResult>> Place(
        PlaceInvestigationHoldRequest body, Caller caller, InvestigationHoldActions holds, HttpContext context, CancellationToken ct)
    {
        var request = new PlaceInvestigationHold(body.MediaSha256, body.ReferralId, body.Until, body.Reason, body.ReasonShared);
        var result = await holds.PlaceAsync(Officer.For(caller), request, context.Connection.RemoteIpAddress?.ToString(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/investigation-holds/{result.Value.Id}", result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<InvestigationHoldView>, ProblemHttpResult>> Lift(
        Guid id, LiftInvestigationHoldRequest body, Caller caller, InvestigationHoldActions holds, HttpContext context, CancellationToken ct)
    {
        var result = await holds.LiftAsync(Officer.For(caller), id, body.Reason, context.Connection.RemoteIpAddress?.ToString(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<InvestigationHoldView>, ProblemHttpResult>> ChangeUntil(
        Guid id, ChangeUntilRequest body, Caller caller, InvestigationHoldActions holds, HttpContext context, CancellationToken ct)
    {
        var result = await holds.ChangeUntilAsync(Officer.For(caller), id, body.Until, context.Connection.RemoteIpAddress?.ToString(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<RouteInvestigationHolds>, ProblemHttpResult>> OnRoute(
        Guid id, Caller caller, RouteViewers viewers, RouteHoldNotices notices, CancellationToken ct)
    {
        var result = await notices.ForRouteAsync(await viewers.FindAsync(caller, ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }
}
