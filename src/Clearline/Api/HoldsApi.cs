using Clearline.ApiKeys;
using Clearline.Retention;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/holds</c>: the organisation's legal holds, which keep a report or an item from deletion under retention.</summary>
/// <remarks>
/// The holder is the key's organisation, never input. Reading needs reports:read, placing and lifting holds:write.
/// Another organisation's hold, report or an item the organisation never found answers 404.
/// </remarks>
public static class HoldsApi
{
    public sealed record PlaceHoldRequest(Guid? ReportId, string? MediaSha256, string? Reason);

    public sealed record LiftHoldRequest(string? Reason);

    public static RouteGroupBuilder MapHoldsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/holds").WithTags("Retention");
        group.MapGet("/", List).RequireScope(ApiScopes.ReportsRead)
            .WithName("ListHolds").WithSummary("The organisation's legal holds, active first.");
        group.MapPost("/", Place).RequireScope(ApiScopes.HoldsWrite)
            .WithName("PlaceHold").WithSummary("Holds a report (with its items) or one item: retention deletes nothing it covers until it is lifted.");
        group.MapPost("/{id:guid}/lift", Lift).RequireScope(ApiScopes.HoldsWrite)
            .WithName("LiftHold").WithSummary("Lifts a hold, with the reason; retention applies again.");
        group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<HoldView>>> List(Caller caller, LegalHolds holds, CancellationToken ct) =>
        TypedResults.Ok(await holds.ListAsync(caller, ct));

    public static async Task<Results<Created<HoldView>, ProblemHttpResult>> Place(
        PlaceHoldRequest body, Caller caller, LegalHolds holds, HttpContext context, CancellationToken ct)
    {
        var result = await holds.PlaceAsync(caller, new PlaceHold(body.ReportId, body.MediaSha256, body.Reason), context.Connection.RemoteIpAddress?.ToString(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/holds/{result.Value.Id}", result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<HoldView>, ProblemHttpResult>> Lift(
        Guid id, LiftHoldRequest body, Caller caller, LegalHolds holds, HttpContext context, CancellationToken ct)
    {
        var result = await holds.LiftAsync(caller, id, body.Reason, context.Connection.RemoteIpAddress?.ToString(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }
}
