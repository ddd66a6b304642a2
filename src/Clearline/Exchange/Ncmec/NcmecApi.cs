using Clearline.Api;
using Clearline.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Exchange.Ncmec;

/// <summary><c>/api/v1/hashlists/{id}/ncmec</c>: a list's NCMEC Hash Sharing source, where its pulls stand, and "pull now".</summary>
/// <remarks>
/// The tenant is the key's organisation: only a list it manages has a source it may see or change; anything else
/// answers 404, exactly like a list that does not exist. The credentials are write-only: no answer contains them.
/// </remarks>
public static class NcmecApi
{
    /// <summary>
    /// A list's source. <c>configured</c> is false (and the rest empty) for a managed list without one. <c>state</c> is
    /// waiting, uptodate, failed or disabled; <c>checkpoint</c> is NCMEC's <c>maxTimestamp</c> up to which everything was read.
    /// </summary>
    public sealed record NcmecSourceResponse(
        Guid HashListId, bool Configured, NcmecEnvironment? Environment = null, bool UseTestEnvironment = false, string? BaseUrl = null,
        bool Enabled = false, int? PullIntervalMinutes = null, bool FeedbackEnabled = false, string? FeedbackReason = null, string? State = null,
        DateTimeOffset? Checkpoint = null, bool PullUnderWay = false, DateTimeOffset? LastPullStartedAt = null, DateTimeOffset? LastPullCompletedAt = null,
        DateTimeOffset? NextPullAt = null, string? LastError = null, DateTimeOffset? LastErrorAt = null, long EntriesAdded = 0, long EntriesUnchanged = 0,
        long EntriesDeleted = 0, long EntriesSkipped = 0, string? LastSkipped = null, long FeedbackSent = 0, string? LastFeedbackError = null);

    public static RouteGroupBuilder MapNcmecApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hashlists/{id:guid}/ncmec").WithTags("Hash lists");
        group.MapGet("/", Get).RequireScope(ApiScopes.HashListsRead).WithName("GetNcmecSource")
            .WithSummary("The list's NCMEC source and where its pulls stand: state, checkpoint, last pull, last error, counts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", Configure).RequireScope(ApiScopes.HashListsWrite).WithName("ConfigureNcmecSource")
            .WithSummary("Give a list the organisation manages an NCMEC source, or change it; queues a pull now. The user name and password "
                + "are needed the first time and kept (sealed) when left out later.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/pull", Pull).RequireScope(ApiScopes.HashListsWrite).WithName("PullNcmecSource")
            .WithSummary("Pull now: queues a pull that resumes where the last one stopped.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<NcmecSourceResponse>, ProblemHttpResult>> Get(Guid id, Caller caller, NcmecSources sources, CancellationToken ct)
    {
        if (!await sources.ManagesListAsync(id, caller.OrganisationId, ct))
        {
            return ErrorProblems.Problem(new NotFoundError("No hash list with this id is managed by your organisation."));
        }

        var source = await sources.FindAsync(id, caller.OrganisationId, ct);
        return TypedResults.Ok(source is null ? new NcmecSourceResponse(id, Configured: false) : ToResponse(source));
    }

    public static async Task<Results<Ok<NcmecSourceResponse>, ProblemHttpResult>> Configure(
        Guid id, NcmecSourceRequest body, Caller caller, NcmecSources sources, CancellationToken ct)
    {
        var result = await sources.ConfigureAsync(id, body, caller.OrganisationId, caller.Actor, ct);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value!)) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Accepted<NcmecSourceResponse>, ProblemHttpResult>> Pull(Guid id, Caller caller, NcmecSources sources, CancellationToken ct)
    {
        var result = await sources.PullNowAsync(id, caller.OrganisationId, caller.Actor, ct);
        return result.IsSuccess ? TypedResults.Accepted($"/api/v1/hashlists/{id}/ncmec", ToResponse(result.Value!)) : ErrorProblems.Problem(result.Error);
    }

    public static NcmecSourceResponse ToResponse(NcmecSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(
            source.HashListId, true, source.Environment, source.UseTestEnvironment, source.BaseUrl, source.Enabled, (int)source.PullInterval.TotalMinutes,
            source.FeedbackEnabled, source.FeedbackReason, source.State.ToString().ToLowerInvariant(), source.Checkpoint, source.PullJobId is not null,
            source.LastPullStartedAt, source.LastPullCompletedAt, source.NextPullAt, source.LastError, source.LastErrorAt, source.EntriesAdded,
            source.EntriesUnchanged, source.EntriesDeleted, source.EntriesSkipped, source.LastSkipped, source.FeedbackSent, source.LastFeedbackError);
    }
}
