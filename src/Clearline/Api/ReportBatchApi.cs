using Clearline.ApiKeys;
using Clearline.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>POST /api/v1/reports/batch</c>: submit many reported URLs as one CSV file, with a result per row.</summary>
/// <remarks>The reports are the key's organisation's, exactly as if each row had been posted to <c>/api/v1/reports</c>.</remarks>
public static class ReportBatchApi
{
    /// <summary>What became of one data row: <c>accepted</c>, <c>duplicate</c> (with <c>duplicateOf</c>) or <c>invalid</c> (with <c>reason</c>).</summary>
    public sealed record BatchRowResponse(long Line, string? Url, string Status, Guid? ReportId, ReportOrigin? DuplicateOf, string? Reason);

    public sealed record BatchResponse(int Accepted, int Duplicates, int Invalid, IReadOnlyList<BatchRowResponse> Rows);

    public static RouteGroupBuilder MapReportBatchApi(this RouteGroupBuilder api)
    {
        api.MapPost("/reports/batch", Submit).WithTags("Reports").RequireScope(ApiScopes.ReportsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(ReportLimits.MaxBatchBytes))
            // No Accepts(): as a routing constraint it would send other content types to the pages' sign-in redirect, not a 415.
            .WithName("SubmitReportBatch")
            .WithSummary("Submit a CSV of reports (body text/csv): a header row (url required; receivedAt, hotlineReference, siteType, commerciality, "
                + "paymentMethods separated by ';', referrer, memo), then one report per row, at most 10,000. Answers one result per data row.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    public static async Task<Results<Ok<BatchResponse>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpContext context, Caller caller, ReportBatch batch, CancellationToken ct)
    {
        if (context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the batch as text/csv.");
        }

        var organisation = caller.OrganisationId;
        var result = await batch.SubmitAsync(organisation, caller.Actor, context.Request.Body, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var rows = result.Value.Select(r => new BatchRowResponse(r.Line, r.Url, r.Status.ToString().ToLowerInvariant(), r.ReportId, r.DuplicateOf, r.Reason)).ToList();
        return TypedResults.Ok(new BatchResponse(
            rows.Count(r => r.Status == "accepted"), rows.Count(r => r.Status == "duplicate"), rows.Count(r => r.Status == "invalid"), rows));
    }
}
