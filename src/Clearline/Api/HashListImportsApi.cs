using Clearline.ApiKeys;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Clearline.Api;

/// <summary><c>/api/v1/hashlists/{id}/imports</c>: upload a hash-list file, follow its import and read its line errors.</summary>
/// <remarks>
/// The tenant is the key's organisation: only a list it manages accepts files, and only its own imports are
/// visible; anything else answers 404, exactly like something that does not exist.
/// </remarks>
public static class HashListImportsApi
{
    /// <summary>An import; <c>state</c> is queued, running, completed, failed or partial (a truncated file accepted as such, <c>error</c> says what was skipped).</summary>
    public sealed record ImportResponse(
        Guid Id, Guid HashListId, string State, string? FileName, string? Format, long LinesRead, long EntriesAdded, long EntriesUnchanged,
        long ErrorCount, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, bool AcceptPartial);

    public sealed record ImportErrorResponse(long Line, string Message);

    public static RouteGroupBuilder MapHashListImportsApi(this RouteGroupBuilder api)
    {
        var maxFileBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<HashListImportOptions>>().Value.MaxFileBytes;
        var group = api.MapGroup("/hashlists/{id:guid}/imports").WithTags("Hash lists");
        group.MapPost("/", Start).RequireScope(ApiScopes.HashListsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(maxFileBytes))
            .Accepts<Stream>("application/octet-stream", "application/json", "text/csv", "text/plain")
            .WithName("StartHashListImport")
            .WithSummary("Import a file into a list the organisation manages. The raw body is the file; format (vics, csv, tsv, pdq, icse, signals) is detected unless given. "
                + "A truncated or corrupt file fails the import and nothing of it is kept, unless acceptPartial=true (it then ends as partial).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{importId:guid}", Get).RequireScope(ApiScopes.HashListsRead)
            .WithName("GetHashListImport").WithSummary("An import's state and counts.");
        group.MapGet("/{importId:guid}/errors", Errors).RequireScope(ApiScopes.HashListsRead)
            .WithName("ListHashListImportErrors").WithSummary("The lines the import skipped, and why, in line order (at most 10,000 are kept).");
        return group;
    }

    public static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> Start(
        Guid id, HttpContext context, Caller caller, HashListImports imports, CancellationToken ct, string? format = null, string? fileName = null,
        bool acceptPartial = false)
    {
        HashListFormat? named = null;
        if (format is not null)
        {
            if (!HashListFormatNames.TryParse(format, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["format"] = [$"must be one of {string.Join(", ", HashListFormatNames.All)}."],
                });
            }

            named = parsed;
        }

        var organisation = caller.OrganisationId;
        var result = await imports.StartAsync(
            id, context.Request.Body, fileName, named, caller.Actor, organisation, userId: null, acceptPartial, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var import = result.Value!;
        return TypedResults.Accepted($"/api/v1/hashlists/{id}/imports/{import.Id}", ToResponse(import, jobFailure: null));
    }

    public static async Task<Results<Ok<ImportResponse>, NotFound>> Get(Guid id, Guid importId, Caller caller, HashListImports imports, CancellationToken ct)
    {
        var import = await imports.FindAsync(id, importId, caller.OrganisationId, ct);
        return import is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(import, await imports.JobFailureAsync(import, ct)));
    }

    public static async Task<Results<Ok<ReportsApi.Page<ImportErrorResponse>>, NotFound, ValidationProblem>> Errors(
        Guid id, Guid importId, Caller caller, HashListImports imports, CancellationToken ct, string? cursor = null, int limit = 100)
    {
        if (await imports.FindAsync(id, importId, caller.OrganisationId, ct) is null)
        {
            return TypedResults.NotFound();
        }

        long? after = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["is not a cursor this API returned."] });
            }

            after = parsed;
        }

        limit = Math.Clamp(limit, 1, 1000);
        var errors = await imports.ErrorsAsync(importId, after, limit + 1, ct);
        var next = errors.Count > limit ? errors[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new ReportsApi.Page<ImportErrorResponse>([.. errors.Take(limit).Select(e => new ImportErrorResponse(e.Line, e.Message))], next));
    }

    private static ImportResponse ToResponse(HashListImport import, string? jobFailure) =>
        new(import.Id, import.HashListId, (jobFailure is null ? import.State : ImportState.Failed).ToString().ToLowerInvariant(), import.FileName,
            import.Format is { } format ? HashListFormatNames.Name(format) : null, import.LinesRead, import.EntriesAdded, import.EntriesUnchanged,
            import.ErrorCount, import.Error ?? jobFailure, import.CreatedAt, import.StartedAt, import.CompletedAt, import.AcceptPartial);
}
