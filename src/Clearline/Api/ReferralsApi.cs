using Clearline.ApiKeys;
using Clearline.LawEnforcement;
using Clearline.Referrals;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/referrals</c>: the police unit's referrals (the queue, accept, feedback, the message thread), and
/// <c>/api/v1/routes/{id}/referral</c>: the referring hotline's side of the same referral.
/// </summary>
/// <remarks>
/// The organisation comes from the API key, never from input. A referral is seen by the police unit that received it
/// and the hotline that made it (<see cref="ReferralAccess"/>); everybody else gets 404, exactly as for one that does
/// not exist. The police endpoints need <c>referrals:read</c>/<c>referrals:write</c>, which only police keys may hold;
/// the hotline's need the scopes of its routes (<c>routes:read</c>) and actions (<c>actions:write</c>).
/// </remarks>
public static class ReferralsApi
{
    /// <summary>Feedback to the hotline; <c>NoFurtherAction</c> and <c>ForwardedElsewhere</c> close the referral, as does <c>close: true</c>.</summary>
    public sealed record FeedbackRequest(ReferralOutcome? Outcome, string? Note, bool? Close);

    /// <summary>A plain-text message to the referral's thread.</summary>
    public sealed record MessageRequest(string? Body);

    public static RouteGroupBuilder MapReferralsApi(this RouteGroupBuilder api)
    {
        var referrals = api.MapGroup("/referrals").WithTags("Referrals");
        referrals.MapGet("/", List).RequireScope(ApiScopes.ReferralsRead)
            .WithName("ListReferrals").WithSummary("The police unit's referrals, oldest first; state New (the queue), Accepted or Closed.");
        referrals.MapGet("/{id:guid}", Find).RequireScope(ApiScopes.ReferralsRead)
            .WithName("GetReferral").WithSummary("One referral: the content URL, hosting, reason, decision, feedback and thread.");
        referrals.MapPost("/{id:guid}/accept", Accept).RequireScope(ApiScopes.ReferralsWrite)
            .WithName("AcceptReferral").WithSummary("The police unit accepts a new referral and works on it.");
        referrals.MapPost("/{id:guid}/feedback", Feedback).RequireScope(ApiScopes.ReferralsWrite)
            .WithName("GiveReferralFeedback").WithSummary("Feedback to the referring hotline: an outcome and a note; final outcomes close the referral.");
        referrals.MapGet("/{id:guid}/messages", Messages).RequireScope(ApiScopes.ReferralsRead)
            .WithName("ListReferralMessages").WithSummary("The referral's message thread, oldest first.");
        referrals.MapPost("/{id:guid}/messages", Post).RequireScope(ApiScopes.ReferralsWrite)
            .WithName("PostReferralMessage").WithSummary("Posts a plain-text message to the referring hotline.");

        var routes = api.MapGroup("/routes/{id:guid}/referral").WithTags("Referrals");
        routes.MapGet("/", ForRoute).RequireScope(ApiScopes.RoutesRead)
            .WithName("GetRouteReferral").WithSummary("The hotline's referral of this content: which police unit received it, its state, feedback and thread.");
        routes.MapPost("/messages", PostForRoute).RequireScope(ApiScopes.ActionsWrite)
            .WithName("PostRouteReferralMessage").WithSummary("The referring hotline posts a plain-text message to the police unit.");
        foreach (var group in new[] { referrals, routes })
        {
            group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        return api;
    }

    public static async Task<Results<Ok<ReferralPage>, ProblemHttpResult>> List(
        Caller caller, ReferralQueries queries, CancellationToken ct, string? state = null, Guid? cursor = null, int limit = 50)
    {
        ReferralState? wanted = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<ReferralState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return ErrorProblems.Problem(new InvalidError("state", $"'{state}' is not a referral state; use one of {string.Join(", ", Enum.GetNames<ReferralState>())}."));
            }

            wanted = parsed;
        }

        return TypedResults.Ok(await queries.ListAsync(Party(caller), wanted, cursor, Math.Clamp(limit, 1, ReferralQueries.MaxPageSize), ct));
    }

    public static async Task<Results<Ok<ReferralDetail>, ProblemHttpResult>> Find(Guid id, Caller caller, ReferralQueries queries, CancellationToken ct) =>
        await queries.FindAsync(Party(caller), id, ct) is { } referral ? TypedResults.Ok(referral) : NotFound();

    public static async Task<Results<Ok<ReferralDetail>, ProblemHttpResult>> Accept(
        Guid id, Caller caller, ReferralWork work, ReferralQueries queries, CancellationToken ct)
    {
        var party = Party(caller);
        var result = await work.AcceptAsync(party, id, ct);
        return !result.IsSuccess ? ErrorProblems.Problem(result.Error)
            : await queries.FindAsync(party, id, ct) is { } referral ? TypedResults.Ok(referral) : NotFound();
    }

    public static async Task<Results<Created<ReferralDetail>, ProblemHttpResult>> Feedback(
        Guid id, FeedbackRequest body, Caller caller, ReferralWork work, ReferralQueries queries, CancellationToken ct)
    {
        var party = Party(caller);
        var result = await work.GiveFeedbackAsync(party, id, new NewFeedback(body.Outcome, body.Note, body.Close ?? false), ct);
        return !result.IsSuccess ? ErrorProblems.Problem(result.Error)
            : await queries.FindAsync(party, id, ct) is { } referral ? TypedResults.Created($"/api/v1/referrals/{id}", referral) : NotFound();
    }

    public static async Task<Results<Ok<IReadOnlyList<ReferralMessageView>>, ProblemHttpResult>> Messages(
        Guid id, Caller caller, ReferralQueries queries, CancellationToken ct) =>
        await queries.FindAsync(Party(caller), id, ct) is { } referral ? TypedResults.Ok(referral.Messages) : NotFound();

    public static async Task<Results<Created<ReferralMessageView>, ProblemHttpResult>> Post(
        Guid id, MessageRequest body, Caller caller, ReferralWork work, ReferralQueries queries, CancellationToken ct) =>
        await PostAsync(Party(caller), id, body, work, queries, ct);

    public static async Task<Results<Ok<RouteReferral>, ProblemHttpResult>> ForRoute(
        Guid id, Caller caller, RouteViewers viewers, ReferralQueries queries, CancellationToken ct) =>
        await queries.ForRouteAsync(ReferralParty.For(caller), await viewers.FindAsync(caller, ct), id, ct) is { } view
            ? TypedResults.Ok(view)
            : ErrorProblems.Problem(new NotFoundError("No such route, or not one your organisation can see."));

    public static async Task<Results<Created<ReferralMessageView>, ProblemHttpResult>> PostForRoute(
        Guid id, MessageRequest body, Caller caller, RouteViewers viewers, ReferralWork work, ReferralQueries queries, CancellationToken ct)
    {
        var party = ReferralParty.For(caller);
        var view = await queries.ForRouteAsync(party, await viewers.FindAsync(caller, ct), id, ct);
        if (view?.Referral is not { } referral)
        {
            return ErrorProblems.Problem(new NotFoundError("No referral of this content by your hotline; record ReportedToLea on it first."));
        }

        return await PostAsync(party, referral.Id, body, work, queries, ct);
    }

    private static async Task<Results<Created<ReferralMessageView>, ProblemHttpResult>> PostAsync(
        ReferralParty party, Guid referralId, MessageRequest body, ReferralWork work, ReferralQueries queries, CancellationToken ct)
    {
        var result = await work.PostMessageAsync(party, referralId, body.Body, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var message = (await queries.FindAsync(party, referralId, ct))?.Messages.FirstOrDefault(m => m.Id == result.Value.Id);
        return message is null ? NotFound() : TypedResults.Created($"/api/v1/referrals/{referralId}/messages", message);
    }

    private static ReferralParty Party(Caller caller) => ReferralParty.For(Officer.For(caller));

    private static ProblemHttpResult NotFound() => ErrorProblems.Problem(new NotFoundError("No such referral, or not one your organisation may see."));
}
