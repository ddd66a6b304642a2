using Clearline.ApiKeys;
using Clearline.HashLists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// The network's consent to a member's list classifying automatically: the owner asks
/// (<c>POST /hashlists/{id}/approval-request</c>), the coordinator reviews the pending requests and approves or refuses.
/// </summary>
/// <remarks>
/// Deciding needs the scope <c>hashlists:approve</c> and a coordinator's key: the use case refuses any other
/// organisation whatever scopes its key holds. A list the caller can neither see nor review answers 404.
/// </remarks>
public static class HashListApprovalsApi
{
    public sealed record ApprovalRequestResponse(
        Guid HashListId, string Name, Guid? OwnerOrganisationId, string Owner, HashListKind Kind, HashListVisibility Visibility, Guid? RequestId,
        DateTimeOffset? RequestedAt, IReadOnlyDictionary<string, CategoryRule> Mapping, long LiveEntries);

    /// <summary>Approve the pending request; <c>requestId</c> (from the pending list) makes sure it is the one reviewed.</summary>
    public sealed record ApproveRequest(Guid? RequestId);

    /// <summary>Refuse the pending request, saying why (1 to 500 characters).</summary>
    public sealed record RefuseRequest(string? Reason, Guid? RequestId);

    public static RouteGroupBuilder MapHashListApprovalsApi(this RouteGroupBuilder hashLists)
    {
        hashLists.MapGet("/approvals", Pending).RequireScope(ApiScopes.HashListsApprove).WithName("ListHashListApprovalRequests")
            .WithSummary("The coordinator's pending requests for network-wide automatic effect, oldest first, each with the mapping to approve.");
        hashLists.MapPost("/{id:guid}/approval-request", Request).RequireScope(ApiScopes.HashListsWrite).WithName("RequestHashListApproval")
            .WithSummary("Ask the coordinator to let a list the organisation owns classify automatically with its current mapping; until approved it suggests.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hashLists.MapPost("/{id:guid}/approve", Approve).RequireScope(ApiScopes.HashListsApprove).WithName("ApproveHashList")
            .WithSummary("The coordinator approves a pending request: the mapping it froze classifies automatically from now on.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hashLists.MapPost("/{id:guid}/refuse", Refuse).RequireScope(ApiScopes.HashListsApprove).WithName("RefuseHashList")
            .WithSummary("The coordinator refuses a pending request, saying why; the list goes on suggesting.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return hashLists;
    }

    public static async Task<Results<Ok<ApprovalRequestResponse[]>, ProblemHttpResult>> Pending(Caller asking, HashListApprovals approvals, CancellationToken ct)
    {
        var viewer = HashListViewer.For(asking);
        if (viewer.Kind != Organisations.OrganisationKind.Coordinator)
        {
            return ErrorProblems.Problem(new RefusedError("Only the coordinator reviews hash-list approvals."));
        }

        var pending = await approvals.PendingAsync(viewer, ct);
        return TypedResults.Ok(pending.Select(p => new ApprovalRequestResponse(
            p.List.Id, p.List.Name, p.List.OwnerOrganisationId, p.OwnerName, p.List.Kind, p.List.Visibility, p.List.ApprovalRequestId,
            p.List.ApprovalRequestedAt, (p.List.ApprovalMapping ?? CategoryMapping.Empty).Rules, p.LiveEntries)).ToArray());
    }

    public static Task<Results<Ok<HashListsApi.HashListResponse>, ProblemHttpResult>> Request(
        Guid id, Caller asking, HashListApprovals approvals, HashListDirectory lists, CancellationToken ct) =>
        AnswerAsync(id, asking, lists, caller => approvals.RequestAsync(id, caller, ct), ct);

    public static Task<Results<Ok<HashListsApi.HashListResponse>, ProblemHttpResult>> Approve(
        Guid id, ApproveRequest? body, Caller asking, HashListApprovals approvals, HashListDirectory lists, CancellationToken ct) =>
        AnswerAsync(id, asking, lists, caller => approvals.ApproveAsync(id, body?.RequestId, caller, ct), ct);

    public static Task<Results<Ok<HashListsApi.HashListResponse>, ProblemHttpResult>> Refuse(
        Guid id, RefuseRequest body, Caller asking, HashListApprovals approvals, HashListDirectory lists, CancellationToken ct) =>
        AnswerAsync(id, asking, lists, caller => approvals.RefuseAsync(id, body?.RequestId, body?.Reason, caller, ct), ct);

    private static async Task<Results<Ok<HashListsApi.HashListResponse>, ProblemHttpResult>> AnswerAsync(
        Guid id, Caller asking, HashListDirectory lists, Func<HashListCaller, Task<Result<HashList>>> act, CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);
        var result = await act(caller);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        // The coordinator may decide on a list it cannot otherwise see: it is answered with what it decided on.
        var summary = await lists.GetAsync(id, caller.Viewer, ct) ?? new HashListSummary(result.Value!, HashListStats.None);
        return TypedResults.Ok(HashListsApi.ToResponse(summary, caller.Viewer));
    }
}
