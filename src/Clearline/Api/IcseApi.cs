using Clearline.ApiKeys;
using Clearline.Icse;
using Clearline.LawEnforcement;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/icse</c>: INTERPOL's hand-off to ICSE: the queue of Baseline and National material not yet handed over,
/// the batches, and a batch's ZIP (originals, <c>icse.csv</c>, <c>vics.json</c>).
/// </summary>
/// <remarks>
/// Reading needs icse:read, exporting icse:export; both are above every kind's ceiling but INTERPOL's. A batch of
/// another organisation, or an item INTERPOL does not see, answers 404.
/// </remarks>
public static class IcseApi
{
    /// <summary>A hand-off: the named items (SHA-256), or the first <c>limit</c> items of the queue.</summary>
    public sealed record CreateIcseBatchRequest(IReadOnlyList<string>? Items, int? Limit, bool IncludeHandedOver = false);

    public static RouteGroupBuilder MapIcseApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/icse").WithTags("ICSE");
        group.MapGet("/queue", Queue).RequireScope(ApiScopes.IcseRead).WithName("GetIcseQueue")
            .WithSummary("Baseline and National items network-wide not yet handed to ICSE, newest decision first, with the deciding country; pass nextCursor as cursor for the next page.");
        group.MapGet("/batches", Batches).RequireScope(ApiScopes.IcseRead).WithName("ListIcseBatches")
            .WithSummary("Past hand-offs to ICSE, newest first.");
        group.MapPost("/batches", Create).RequireScope(ApiScopes.IcseExport).WithName("CreateIcseBatch")
            .WithSummary("Hands items over to ICSE: the named items or the first N of the queue; items of an earlier batch only when asked. Audited.");
        group.MapGet("/batches/{id:guid}/download", Download).RequireScope(ApiScopes.IcseExport).WithName("DownloadIcseBatch")
            .WithSummary("The batch as a ZIP: the originals, icse.csv in ICSE's import layout and vics.json (VICS 2.0); streamed, audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<IcseQueuePage>, ProblemHttpResult>> Queue(
        Caller caller, IcseQueue queue, CancellationToken ct, string? cursor = null, int limit = 50,
        bool includeHandedOver = false, bool includeInIcse = false)
    {
        var page = await queue.PageAsync(Officer.For(caller), new IcseQueueFilter(includeHandedOver, includeInIcse), cursor, limit, ct);
        return page.IsSuccess ? TypedResults.Ok(page.Value) : ErrorProblems.Problem(page.Error);
    }

    public static async Task<Results<Ok<IcseBatchPage>, ProblemHttpResult>> Batches(
        Caller caller, IcseBatches batches, CancellationToken ct, Guid? cursor = null, int limit = 50)
    {
        var page = await batches.PageAsync(Officer.For(caller), cursor, limit, ct);
        return page.IsSuccess ? TypedResults.Ok(page.Value) : ErrorProblems.Problem(page.Error);
    }

    public static async Task<Results<Created<IcseBatchView>, ProblemHttpResult>> Create(
        CreateIcseBatchRequest body, Caller caller, IcseBatches batches, CancellationToken ct)
    {
        var result = await batches.CreateAsync(Officer.For(caller), new IcseBatchRequest(body.Items, body.Limit, body.IncludeHandedOver), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/icse/batches/{result.Value.Id}", result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Download(
        Guid id, Caller caller, IcseBatches batches, HttpContext context, CancellationToken ct)
    {
        var officer = Officer.For(caller);
        var batch = await batches.FindAsync(officer, id, ct);
        if (!batch.IsSuccess)
        {
            return ErrorProblems.Problem(batch.Error);
        }

        return TypedResults.Stream(
            output => batches.WriteAsync(officer, batch.Value, output, context.RequestAborted), "application/zip", IcseBatches.FileName(batch.Value));
    }
}
