using Clearline.ApiKeys;
using Clearline.HashLists;
using Clearline.Matching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/matches</c>: analysts' verdicts on matches, from which a list's false-match rate is counted.</summary>
/// <remarks>A match on a list the key's organisation cannot see answers 404, exactly like one that does not exist.</remarks>
public static class MatchesApi
{
    public sealed record ReviewRequest(string? Review);

    public sealed record MatchResponse(
        Guid Id, Guid HashListId, long KnownHashId, MatchedHash Hash, int Distance, MatchOutcome Outcome, MatchReview Review, DateTimeOffset? ReviewedAt,
        double? QueryMatchPercent = null, double? ComparedMatchPercent = null);

    public static RouteGroupBuilder MapMatchesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/matches").WithTags("Matches");
        group.MapPost("/{id:guid}/review", Review).RequireScope(ApiScopes.HashListsWrite).WithName("ReviewMatch")
            .WithSummary("Mark a match as confirmed or wrong; marking again replaces the mark.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<MatchResponse>, ProblemHttpResult>> Review(
        Guid id, ReviewRequest body, Caller asking, HashListDirectory lists, MatchReviews reviews, CancellationToken ct)
    {
        var review = body?.Review?.Trim().ToUpperInvariant() switch
        {
            "CONFIRMED" => MatchReview.Confirmed,
            "WRONG" => MatchReview.Wrong,
            _ => (MatchReview?)null,
        };
        if (review is null)
        {
            return ErrorProblems.Problem(new InvalidError("review", "The review must be 'confirmed' or 'wrong'."));
        }

        var caller = HashListCaller.For(asking);

        var result = await reviews.ReviewAsync(id, review.Value, caller, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var m = result.Value;
        return TypedResults.Ok(new MatchResponse(
            m.Id, m.HashListId, m.KnownHashId, m.Hash, m.Distance, m.Outcome, m.Review, m.ReviewedAt, m.QueryMatchPercent, m.ComparedMatchPercent));
    }
}
