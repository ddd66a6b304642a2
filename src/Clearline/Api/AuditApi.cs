using System.Globalization;
using Clearline.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/audit</c>: the key's organisation's audit trail (a coordinator's key: the network's), as JSON pages or CSV.</summary>
/// <remarks>
/// Which entries a key sees is decided by <see cref="AuditQueries"/> from the key's organisation, never from input;
/// every read and export is itself audited.
/// </remarks>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Get).RequireScope(ApiScopes.AuditRead).WithTags("Audit").WithName("ListAuditEntries")
            .WithSummary("Audit entries, newest first, filtered by actor, action, object (target prefix) and time [from, to); page with 'before' = the previous page's nextBefore. format=csv streams every matching entry as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: AuditCsv.ContentType)
            .ProducesValidationProblem();
        api.MapGet("/audit.csv", GetCsv).RequireScope(ApiScopes.AuditRead).WithTags("Audit").WithName("ExportAuditEntries")
            .WithSummary("Every matching audit entry as CSV, newest first, streamed; the same filters as /audit.")
            .Produces(StatusCodes.Status200OK, contentType: AuditCsv.ContentType)
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<AuditPage>, PushStreamHttpResult, ProblemHttpResult>> Get(
        HttpContext context, Caller caller, AuditQueries queries, TimeProvider time, CancellationToken ct,
        string? actor = null, string? action = null, string? target = null, string? from = null, string? to = null,
        string? before = null, string? limit = null, string? format = null)
    {
        var filter = AuditFilter.Parse(actor, action, target, from, to);
        if (!filter.IsSuccess)
        {
            return ErrorProblems.Problem(filter.Error);
        }

        if (format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                ? Csv(context, caller, queries, time, filter.Value)
                : ErrorProblems.Problem(new InvalidError("format", "The format must be json or csv."));
        }

        if (!TryParse(before, out var beforeValue))
        {
            return ErrorProblems.Problem(new InvalidError("before", "'before' must be a sequence number."));
        }

        if (!TryParse(limit, out var limitValue))
        {
            return ErrorProblems.Problem(new InvalidError("limit", $"The limit must be a number between 1 and {AuditQueries.MaxLimit}."));
        }

        var page = await queries.PageAsync(caller, filter.Value, beforeValue, (int?)Math.Clamp(limitValue ?? AuditQueries.DefaultLimit, 0, int.MaxValue),
            context.Connection.RemoteIpAddress?.ToString(), ct);
        return page.IsSuccess ? TypedResults.Ok(page.Value) : ErrorProblems.Problem(page.Error);
    }

    public static Results<PushStreamHttpResult, ProblemHttpResult> GetCsv(
        HttpContext context, Caller caller, AuditQueries queries, TimeProvider time,
        string? actor = null, string? action = null, string? target = null, string? from = null, string? to = null)
    {
        var filter = AuditFilter.Parse(actor, action, target, from, to);
        return filter.IsSuccess ? Csv(context, caller, queries, time, filter.Value) : ErrorProblems.Problem(filter.Error);
    }

    private static PushStreamHttpResult Csv(HttpContext context, Caller caller, AuditQueries queries, TimeProvider time, AuditFilter filter)
    {
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        return TypedResults.Stream(
            output => AuditCsv.WriteAsync(output, queries.ExportAsync(caller, filter, clientIp, context.RequestAborted), context.RequestAborted),
            AuditCsv.ContentType,
            AuditCsv.FileName(time.GetUtcNow()));
    }

    private static bool TryParse(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
