using Clearline.ApiKeys;
using Clearline.Escalation;
using Clearline.LawEnforcement;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/escalations</c>: INTERPOL's victim identification queue (new material and possible-new-victim referrals),
/// in priority order with the reasons; taking an escalation, changing its state and giving feedback to the reporting
/// hotline. And <c>/api/v1/routes/{id}/escalation</c>: what the hotline reads of the escalation of its route's item.
/// </summary>
/// <remarks>
/// Reading needs <c>escalations:read</c>, working <c>escalations:write</c> (INTERPOL's ceiling only); any other
/// organisation gets 404. The route's escalation needs <c>routes:read</c> and answers 404 for a route the key's
/// organisation cannot see or whose item was not escalated.
/// </remarks>
public static class EscalationsApi
{
    public sealed record EscalationStateRequest(EscalationState? State);

    public sealed record EscalationFeedbackRequest(string? Note);

    public static RouteGroupBuilder MapEscalationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/escalations").WithTags("Escalation");
        group.MapGet("/", List).RequireScope(ApiScopes.EscalationsRead)
            .WithName("ListEscalations").WithSummary("The victim identification queue: open first by priority (with the reasons), then taken, identified, closed.");
        group.MapGet("/{id:guid}", Find).RequireScope(ApiScopes.EscalationsRead)
            .WithName("GetEscalation").WithSummary("One escalation with its causes, priority, state and feedback.");
        group.MapPost("/{id:guid}/take", Take).RequireScope(ApiScopes.EscalationsWrite)
            .WithName("TakeEscalation").WithSummary("Takes an open escalation: INTERPOL works on the item.");
        group.MapPost("/{id:guid}/state", ChangeState).RequireScope(ApiScopes.EscalationsWrite)
            .WithName("ChangeEscalationState").WithSummary("Moves an escalation to Open, Identified or Closed.");
        group.MapPost("/{id:guid}/feedback", Feedback).RequireScope(ApiScopes.EscalationsWrite)
            .WithName("GiveEscalationFeedback").WithSummary("Feedback to the reporting hotline, which reads it with the state on its route.");
        group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/routes/{id:guid}/escalation", ForRoute).RequireScope(ApiScopes.RoutesRead).WithTags("Escalation")
            .WithName("GetRouteEscalation").WithSummary("The state of the escalation of the route's item and INTERPOL's feedback, for the hotlines that see the route.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<EscalationPage>, ProblemHttpResult>> List(
        Caller caller, Escalations escalations, CancellationToken ct, string? state = null, string? cursor = null, int limit = 50)
    {
        EscalationState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<EscalationState>(state, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(state.FirstOrDefault()))
            {
                return ErrorProblems.Problem(new InvalidError("state", "The state must be Open, Taken, Identified or Closed."));
            }

            wanted = parsed;
        }

        var result = await escalations.ListAsync(Officer.For(caller), wanted, cursor, limit, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<EscalationView>, ProblemHttpResult>> Find(Guid id, Caller caller, Escalations escalations, CancellationToken ct) =>
        Answer(await escalations.FindAsync(Officer.For(caller), id, ct));

    public static async Task<Results<Ok<EscalationView>, ProblemHttpResult>> Take(Guid id, Caller caller, Escalations escalations, CancellationToken ct) =>
        Answer(await escalations.TakeAsync(Officer.For(caller), id, ct));

    public static async Task<Results<Ok<EscalationView>, ProblemHttpResult>> ChangeState(
        Guid id, EscalationStateRequest body, Caller caller, Escalations escalations, CancellationToken ct) =>
        Answer(await escalations.ChangeStateAsync(Officer.For(caller), id, body.State, ct));

    public static async Task<Results<Ok<EscalationView>, ProblemHttpResult>> Feedback(
        Guid id, EscalationFeedbackRequest body, Caller caller, Escalations escalations, CancellationToken ct) =>
        Answer(await escalations.GiveFeedbackAsync(Officer.For(caller), id, body.Note, ct));

    public static async Task<Results<Ok<RouteEscalation>, ProblemHttpResult>> ForRoute(
        Guid id, Caller caller, RouteViewers viewers, Escalations escalations, CancellationToken ct)
    {
        var result = await escalations.ForRouteAsync(await viewers.FindAsync(caller, ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    private static Results<Ok<EscalationView>, ProblemHttpResult> Answer(Result<EscalationView> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : ErrorProblems.Problem(result.Error!);
}
