using Clearline.Classification;
using System.Globalization;
using Clearline.ApiKeys;
using Clearline.HashLists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/hashlists</c>: the lists of known material an organisation sees and the ones it manages.</summary>
/// <remarks>
/// The tenant is the key's organisation. A list it cannot see answers 404, exactly like one that does not exist; a
/// list it sees but does not own answers 403 to a change.
/// </remarks>
public static class HashListsApi
{
    public sealed record StatsResponse(long LiveEntries, long TombstonedEntries, long Matches, long Confirmed, long Wrong, double? FalseMatchRate);

    /// <summary>
    /// A list. <c>classifiesAutomatically</c> is what its matches do now: an AutoClassify list of a member only suggests
    /// until the coordinator approves it (<c>approval</c>), and then classifies with the approved mapping.
    /// </summary>
    public sealed record HashListResponse(
        Guid Id, string Name, Guid? OwnerOrganisationId, string? Source, HashListKind Kind, HashListTrust Trust, HashListVisibility Visibility,
        CategoryScheme Scheme, IReadOnlyDictionary<string, CategoryRule> Mapping, bool Active, bool Managed, DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt, StatsResponse Stats, bool ClassifiesAutomatically, ApprovalResponse Approval);

    /// <summary>Where the list's request for network-wide automatic effect stands, with the mapping asked for or approved.</summary>
    public sealed record ApprovalResponse(
        HashListApproval State, Guid? RequestId, DateTimeOffset? RequestedAt, DateTimeOffset? DecidedAt, string? Note,
        IReadOnlyDictionary<string, CategoryRule>? Mapping);

    /// <summary>An entry; jurisdiction, age group, gender and flags are what its source recorded with its decision (a federated feed), else null.</summary>
    public sealed record EntryResponse(
        long Id, string? Md5, string? Sha1, string? Sha256, string? Pdq, int? PdqQuality, string? PhotoDna, string? Category, string? SourceId,
        DateTimeOffset AddedAt, DateTimeOffset? TombstonedAt, string? TombstoneReason,
        string? Jurisdiction, AgeGroup? AgeGroup, Gender? Gender, ContentFlags? Flags)
    {
        public static EntryResponse From(KnownHash h)
        {
            ArgumentNullException.ThrowIfNull(h);
            return new(h.Id, h.Md5, h.Sha1, h.Sha256, h.Pdq, h.PdqQuality, h.PhotoDna, h.Category, h.SourceId, h.AddedAt, h.TombstonedAt, h.TombstoneReason,
                h.Jurisdiction, h.AgeGroup, h.Gender, h.Flags);
        }
    }

    public sealed record TombstoneRequest(string? Reason);

    public static RouteGroupBuilder MapHashListsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hashlists").WithTags("Hash lists");
        var read = ApiScopes.HashListsRead;
        var write = ApiScopes.HashListsWrite;
        group.MapGet("/", List).RequireScope(read).WithName("ListHashLists").WithSummary("Every hash list the organisation sees, with its figures.");
        group.MapPost("/", Create).RequireScope(write).WithName("CreateHashList")
            .WithSummary("Create a list owned by the organisation. Without a mapping, the scheme's default mapping is used.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", Get).RequireScope(read).WithName("GetHashList").WithSummary("One visible list, with its mapping and figures.");
        group.MapPatch("/{id:guid}", Update).RequireScope(write).WithName("UpdateHashList")
            .WithSummary("Change a list the organisation owns; fields left out stay as they are.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/entries", Entries).RequireScope(read).WithName("ListHashListEntries")
            .WithSummary("The list's entries, live and tombstoned, in id order; pass nextCursor as cursor for the next page.");
        group.MapPost("/{id:guid}/entries/{entryId:long}/tombstone", Tombstone).RequireScope(write).WithName("TombstoneHashListEntry")
            .WithSummary("Remove an entry from matching at once; it stays, marked, for the audit.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapHashListApprovalsApi();
        return group;
    }

    public static async Task<Results<Ok<HashListResponse[]>, ProblemHttpResult>> List(Caller asking, HashListDirectory lists, CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);

        var summaries = await lists.ListAsync(caller.Viewer, ct);
        return TypedResults.Ok(summaries.Select(s => ToResponse(s, caller.Viewer)).ToArray());
    }

    public static async Task<Results<Created<HashListResponse>, ProblemHttpResult>> Create(
        HashListRequest body, Caller asking, HashListDirectory lists, CancellationToken ct)
    {
        var request = body.ToNewList();
        if (!request.IsSuccess)
        {
            return ErrorProblems.Problem(request.Error);
        }

        var caller = HashListCaller.For(asking);

        var result = await lists.CreateAsync(request.Value, caller, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var created = await lists.GetAsync(result.Value.Id, caller.Viewer, ct);
        return TypedResults.Created($"/api/v1/hashlists/{result.Value.Id}", ToResponse(created!, caller.Viewer));
    }

    public static async Task<Results<Ok<HashListResponse>, ProblemHttpResult>> Get(Guid id, Caller asking, HashListDirectory lists, CancellationToken ct)
    {
        var viewer = HashListViewer.For(asking);
        var summary = await lists.GetAsync(id, viewer, ct);
        return summary is null ? ErrorProblems.Problem(new NotFoundError("No such hash list.")) : TypedResults.Ok(ToResponse(summary, viewer));
    }

    public static async Task<Results<Ok<HashListResponse>, ProblemHttpResult>> Update(
        Guid id, HashListRequest body, Caller asking, HashListDirectory lists, CancellationToken ct)
    {
        var changes = body.Scheme is null ? body.ToChanges() : new InvalidError("scheme", "is chosen when a list is created; change the mapping instead.");
        if (!changes.IsSuccess)
        {
            return ErrorProblems.Problem(changes.Error);
        }

        var caller = HashListCaller.For(asking);
        var result = await lists.UpdateAsync(id, changes.Value, caller, ct);
        return result.IsSuccess ? TypedResults.Ok(ToResponse((await lists.GetAsync(id, caller.Viewer, ct))!, caller.Viewer)) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<ReportsApi.Page<EntryResponse>>, ProblemHttpResult>> Entries(
        Guid id, Caller asking, HashListDirectory lists, CancellationToken ct, string? cursor = null, int limit = 100)
    {
        long? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return ErrorProblems.Problem(new InvalidError("cursor", "The cursor must be a nextCursor value from an earlier page."));
            }

            after = value;
        }

        var page = await lists.ListEntriesAsync(id, HashListViewer.For(asking), after, limit, newestFirst: false, ct);
        if (page is null)
        {
            return ErrorProblems.Problem(new NotFoundError("No such hash list."));
        }

        var items = page.Items.Select(EntryResponse.From).ToList();
        return TypedResults.Ok(new ReportsApi.Page<EntryResponse>(items, page.NextCursor?.ToString(CultureInfo.InvariantCulture)));
    }

    public static async Task<Results<Ok<EntryResponse>, ProblemHttpResult>> Tombstone(
        Guid id, long entryId, TombstoneRequest body, Caller asking, HashListDirectory lists, CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);
        var result = await lists.TombstoneAsync(id, entryId, body?.Reason, caller, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        return TypedResults.Ok(EntryResponse.From(result.Value));
    }

    internal static HashListResponse ToResponse(HashListSummary summary, HashListViewer viewer)
    {
        var (l, s) = (summary.List, summary.Stats);
        return new HashListResponse(l.Id, l.Name, l.OwnerOrganisationId, l.Source, l.Kind, l.Trust, l.Visibility, l.Scheme, l.Mapping.Rules, l.Active,
            l.IsManagedBy(viewer.OrganisationId), l.CreatedAt, l.UpdatedAt,
            new StatsResponse(s.LiveEntries, s.TombstonedEntries, s.Matches, s.Confirmed, s.Wrong, s.FalseMatchRate),
            l.ClassifiesAutomatically,
            new ApprovalResponse(l.Approval, l.ApprovalRequestId, l.ApprovalRequestedAt, l.ApprovalDecidedAt, l.ApprovalNote, l.ApprovalMapping?.Rules));
    }
}
