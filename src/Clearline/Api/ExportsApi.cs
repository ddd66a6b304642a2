using Clearline.ApiKeys;
using Clearline.HashLists.Export;
using Clearline.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/exports</c>: what the network has classified, as files for partners.</summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exports").WithTags("Exports");
        group.MapGet("/classifications", Classifications).RequireScope(ApiScopes.Export).WithName("ExportClassifications")
            .WithSummary("The network's current classifications with their hashes, as VICS 2.0 JSON, CSV or a PDQ list; streamed, audited, without URLs or reporter data.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        return group;
    }

    /// <remarks>
    /// The exporter is the key's organisation, which decides whose National decisions are included
    /// (<see cref="ClassificationExport"/>); it is never taken from the request.
    /// </remarks>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Classifications(
        HttpContext context, Caller caller,
        OrganisationDirectory organisations,
        ClassificationExport export,
        TimeProvider time,
        CancellationToken ct,
        string? format = null,
        [FromQuery] string[]? verdict = null,
        string? from = null,
        string? to = null)
    {
        var request = ClassificationExportRequest.Parse(format, verdict, from, to);
        if (!request.IsSuccess)
        {
            return ErrorProblems.Problem(request.Error);
        }

        var exporter = await organisations.FindAsync(caller.OrganisationId, ct);
        if (exporter is null)
        {
            return ErrorProblems.Problem(new NotFoundError("The key's organisation no longer exists."));
        }

        var actor = caller.Actor;
        return TypedResults.Stream(
            output => export.WriteAsync(output, request.Value, exporter, actor, context.RequestAborted),
            request.Value.ContentType,
            request.Value.FileName(time.GetUtcNow()));
    }
}
