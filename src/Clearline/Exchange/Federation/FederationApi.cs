using Clearline.Api;
using Clearline.ApiKeys;
using Clearline.Evidence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Exchange.Federation;

/// <summary>
/// <c>/api/v1/federation</c>: the signed feed of the network's classifications this instance publishes, and the
/// organisation's subscriptions to other instances' feeds (docs/exchange.md).
/// </summary>
/// <remarks>
/// The feed is read with a key holding <c>federation:feed</c>, which the publisher's operator issues to the
/// subscribing instance; whose National decisions it gets follows the key's organisation, never the request.
/// Subscriptions are the key's organisation's own: another organisation's answers 404.
/// </remarks>
public static class FederationApi
{
    /// <summary>A subscription as its organisation sees it; the API key for the publisher is never returned.</summary>
    public sealed record SubscriptionResponse(
        Guid Id, Guid HashListId, string FeedUrl, string PublicKeyFingerprint, string PublicKeyId, SubscriptionState State, string Cursor,
        long EntriesReceived, long WithdrawalsReceived, DateTimeOffset? LastSyncAt, DateTimeOffset? CaughtUpAt, double? LagSeconds,
        string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    /// <summary>A new subscription: the organisation's list (Clearline scheme), the feed URL, the publisher's public key, an API key it issued.</summary>
    public sealed record SubscriptionRequest(Guid HashListId, string? FeedUrl, string? PublicKeyPem, string? ApiKey);

    /// <summary>A change: a new feed URL, a new pinned key (the publisher rotated it), a new API key; what is left out stays.</summary>
    public sealed record SubscriptionChangeRequest(string? FeedUrl, string? PublicKeyPem, string? ApiKey);

    public static RouteGroupBuilder MapFederationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/federation").WithTags("Federation");
        group.MapGet("/publisher", Publisher).RequireScope(ApiScopes.FederationFeed).WithName("GetFederationPublisher")
            .WithSummary("The key this instance signs its feed with, for a subscriber to pin (compare the fingerprint out of band).");
        group.MapGet("/feed", Feed).RequireScope(ApiScopes.FederationFeed).WithName("ReadFederationFeed")
            .WithSummary("One signed page of the network's classifications after the cursor (hashes and verdicts only); audited.")
            .ProducesValidationProblem();

        var subscriptions = group.MapGroup("/subscriptions");
        subscriptions.MapGet("/", List).RequireScope(ApiScopes.HashListsRead).WithName("ListFederationSubscriptions")
            .WithSummary("The organisation's subscriptions to other instances' feeds, with state, lag and last error.");
        subscriptions.MapPost("/", Create).RequireScope(ApiScopes.HashListsWrite).WithName("CreateFederationSubscription")
            .WithSummary("Follow another instance's feed into one of the organisation's lists; the first sync starts at once.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        subscriptions.MapGet("/{id:guid}", Get).RequireScope(ApiScopes.HashListsRead).WithName("GetFederationSubscription")
            .WithSummary("One subscription: state, cursor, lag, last error.");
        subscriptions.MapPatch("/{id:guid}", Update).RequireScope(ApiScopes.HashListsWrite).WithName("UpdateFederationSubscription")
            .WithSummary("Change the feed URL, the pinned public key or the API key; fields left out stay. The cursor stays; a sync follows at once.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapDelete("/{id:guid}", Delete).RequireScope(ApiScopes.HashListsWrite).WithName("DeleteFederationSubscription")
            .WithSummary("Stop following the feed. The list keeps what it received; an automatic list is set to suggest only, since withdrawals can no longer reach it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPost("/{id:guid}/pause", Pause).RequireScope(ApiScopes.HashListsWrite).WithName("PauseFederationSubscription")
            .WithSummary("Stop fetching; what was received stays and keeps matching.");
        subscriptions.MapPost("/{id:guid}/resume", Resume).RequireScope(ApiScopes.HashListsWrite).WithName("ResumeFederationSubscription")
            .WithSummary("Fetch again, at once, from where it stopped.");
        subscriptions.MapPost("/{id:guid}/resync", Resync).RequireScope(ApiScopes.HashListsWrite).WithName("ResyncFederationSubscription")
            .WithSummary("Read the feed again from its start; nothing already held is added twice.");
        return group;
    }

    public static Ok<FeedPublisher> Publisher(FederationFeed feed) => TypedResults.Ok(feed.Publisher);

    public static async Task<Results<Ok<SignedFeedPage>, ProblemHttpResult>> Feed(
        Caller caller, FederationFeed feed, CancellationToken ct, string? cursor = null, int? limit = null)
    {
        var page = await feed.ReadAsync(caller, cursor, limit, ct);
        return page.IsSuccess ? TypedResults.Ok(page.Value) : ErrorProblems.Problem(page.Error);
    }

    public static async Task<Ok<SubscriptionResponse[]>> List(Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await subscriptions.ListAsync(caller, ct)).Select(s => ToResponse(s, time)).ToArray());

    public static async Task<Results<Created<SubscriptionResponse>, ProblemHttpResult>> Create(
        SubscriptionRequest body, Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await subscriptions.CreateAsync(new NewSubscription(body.HashListId, body.FeedUrl, body.PublicKeyPem, body.ApiKey), caller, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/federation/subscriptions/{result.Value.Id}", ToResponse(result.Value, time))
            : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct) =>
        await subscriptions.FindAsync(id, caller, ct) is { } found
            ? TypedResults.Ok(ToResponse(found, time))
            : ErrorProblems.Problem(new NotFoundError("No such subscription."));

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Update(
        Guid id, SubscriptionChangeRequest body, Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Answer(await subscriptions.UpdateAsync(id, new SubscriptionChange(body.FeedUrl, body.PublicKeyPem, body.ApiKey), caller, ct), time);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, Caller caller, FederationSubscriptions subscriptions, CancellationToken ct)
    {
        var deleted = await subscriptions.DeleteAsync(id, caller, ct);
        return deleted.IsSuccess ? TypedResults.NoContent() : ErrorProblems.Problem(deleted.Error);
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Pause(
        Guid id, Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct) =>
        Answer(await subscriptions.PauseAsync(id, caller, ct), time);

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Resume(
        Guid id, Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct) =>
        Answer(await subscriptions.ResumeAsync(id, caller, ct), time);

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Resync(
        Guid id, Caller caller, FederationSubscriptions subscriptions, TimeProvider time, CancellationToken ct) =>
        Answer(await subscriptions.ResyncAsync(id, caller, ct), time);

    private static Results<Ok<SubscriptionResponse>, ProblemHttpResult> Answer(Result<FederationSubscription> result, TimeProvider time) =>
        result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value, time)) : ErrorProblems.Problem(result.Error);

    private static SubscriptionResponse ToResponse(FederationSubscription s, TimeProvider time) => new(
        s.Id, s.HashListId, s.FeedUrl, s.PublicKeyFingerprint, InstanceSigningKey.IdOf(s.PublicKeyFingerprint), s.State, s.Cursor,
        s.EntriesReceived, s.WithdrawalsReceived, s.LastSyncAt, s.CaughtUpAt, s.LagAt(time.GetUtcNow())?.TotalSeconds,
        s.LastError, s.LastErrorAt, s.CreatedAt, s.UpdatedAt);
}
