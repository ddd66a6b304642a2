using Clearline.ApiKeys;
using Clearline.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/reports</c>: submit a reported URL, follow its crawl, media, content URLs and stage, and edit its context.</summary>
public static class ReportsApi
{
    /// <summary>The body of <c>POST /api/v1/reports</c>; values left out take their defaults, the URL is checked in Core.</summary>
    public sealed record SubmitReportRequest(
        string? Url,
        DateTimeOffset? ReceivedAt,
        string? HotlineReference,
        SiteType? SiteType,
        Commerciality? Commerciality,
        IReadOnlyList<PaymentMethods>? PaymentMethods,
        string? Referrer,
        string? Memo,
        CredentialsRequest? Credentials)
    {
        public ReportSubmission ToSubmission() => new(
            Url, ReceivedAt, HotlineReference, SiteType ?? default, Commerciality ?? default,
            PaymentMethods?.Aggregate(Reports.PaymentMethods.None, (all, method) => all | method) ?? Reports.PaymentMethods.None,
            Referrer, Memo, Credentials is { } c ? new GatedContentCredentials(c.Username, c.Password, c.Note) : null);
    }

    /// <summary>Credentials for gated content: stored encrypted, never returned (responses say only <c>hasCredentials</c>).</summary>
    public sealed record CredentialsRequest(string? Username, string? Password, string? Note);

    public sealed record CrawlResponse(
        string State, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, int PagesFetched, int MediaFound, int Urls, int Errors, string? LimitReason, string? Error)
    {
        public static CrawlResponse From(CrawlProgress crawl)
        {
            ArgumentNullException.ThrowIfNull(crawl);
            return new(crawl.State.ToString().ToLowerInvariant(), crawl.StartedAt, crawl.CompletedAt, crawl.PagesFetched, crawl.MediaFound,
                crawl.Urls, crawl.Errors, crawl.LimitReason, crawl.Error);
        }
    }

    /// <summary>
    /// A report; <c>crawl</c> is null for a duplicate (it has none, unless it was crawled again), <c>duplicateOf</c> null
    /// for a first report. <c>stage</c> and <c>status</c> follow from its crawl, decisions and routes (a duplicate
    /// without a crawl follows its first report).
    /// </summary>
    public sealed record ReportResponse(
        Guid Id, string Url, DateTimeOffset ReceivedAt, DateTimeOffset CreatedAt, string? HotlineReference, SiteType SiteType,
        Commerciality Commerciality, IReadOnlyList<string> PaymentMethods, string? Referrer, string? Memo, bool HasCredentials,
        ReportOrigin? DuplicateOf, CrawlResponse? Crawl, ReportStatus Status, ReportStage Stage);

    /// <summary>
    /// The body of <c>PUT /api/v1/reports/{id}/context</c>: the whole editable context, replaced (a value left out is
    /// cleared: no reference, no memo, not determined, no payment methods).
    /// </summary>
    public sealed record ReportContextRequest(
        string? HotlineReference, string? Memo, SiteType? SiteType, Commerciality? Commerciality, IReadOnlyList<PaymentMethods>? PaymentMethods)
    {
        public ReportContextEdit ToEdit() => new(
            HotlineReference, Memo, SiteType ?? default, Commerciality ?? default,
            PaymentMethods?.Aggregate(Reports.PaymentMethods.None, (all, method) => all | method) ?? Reports.PaymentMethods.None);
    }

    public sealed record MediaLocation(Guid UrlId, string Url, string? PageUrl, string? FoundIn);

    public sealed record MediaResponse(
        string Sha256, string Md5, string Sha1, string? Pdq, int? PdqQuality, string MediaType, string Format, int? Width, int? Height,
        long ByteLength, string? DecodeError, IReadOnlyList<MediaLocation> FoundAt);

    public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapPost("/", Submit).RequireScope(ApiScopes.ReportsWrite)
            .Accepts<SubmitReportRequest>("application/json").WithName("SubmitReport")
            .WithSummary("Submit a reported URL. A URL the network already has is linked to its first report (duplicateOf) and not crawled again; otherwise it is crawled at once. Honours Idempotency-Key.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).RequireScope(ApiScopes.ReportsRead)
            .WithName("ListReports")
            .WithSummary("Our reports, newest first, by stage (assessment, takedown, monitoring, completed), status (open, closed) or queue (no-reference).")
            .ProducesValidationProblem();
        group.MapPut("/{id:guid}/context", EditContext).RequireScope(ApiScopes.ReportsWrite)
            .Accepts<ReportContextRequest>("application/json").WithName("EditReportContext")
            .WithSummary("Replace the report's context: hotline reference, memo, site type, commerciality and payment methods. Audited.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", Get).RequireScope(ApiScopes.ReportsRead)
            .WithName("GetReport").WithSummary("A report, its crawl state and counts.");
        group.MapGet("/{id:guid}/media", Media).RequireScope(ApiScopes.ReportsRead)
            .WithName("ListReportMedia").WithSummary("Every media item the crawl found, with its hashes and where it was found.");
        group.MapGet("/{id:guid}/urls", UrlsApi.ListForReport).RequireScope(ApiScopes.ReportsRead)
            .WithName("ListReportUrls").WithSummary("Every URL the crawl fetched, with its outcome and hosting.");
        return group;
    }

    public static async Task<Results<Created<ReportResponse>, ProblemHttpResult>> Submit(
        SubmitReportRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context, Caller caller,
        ReportIntake intake,
        ReportQueries reports,
        CancellationToken ct)
    {
        var organisation = caller.OrganisationId;
        var result = await intake.SubmitAsync(organisation, caller.Actor, body.ToSubmission(), idempotencyKey, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        if (result.Value.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var report = result.Value.Report;
        return TypedResults.Created($"/api/v1/reports/{report.Id}", await ToResponseAsync(reports, report, result.Value.DuplicateOf, ct));
    }

    /// <remarks>
    /// Another organisation's report answers 404, exactly like one that does not exist; of the first report a duplicate
    /// links to, only its id, organisation name and date are shown.
    /// </remarks>
    public static async Task<Results<Ok<ReportResponse>, NotFound>> Get(
        Guid id, Caller caller, ReportQueries reports, ReportOrigins origins, CancellationToken ct)
    {
        var report = await reports.FindAsync(caller.OrganisationId, id, ct);
        return report is null ? TypedResults.NotFound() : TypedResults.Ok(await ToResponseAsync(reports, report, await origins.OfAsync(report, ct), ct));
    }

    /// <remarks>Only the organisation's own reports; a filter value that is not a name of the vocabulary is a 400 naming it.</remarks>
    public static async Task<Results<Ok<Page<ReportResponse>>, ProblemHttpResult>> List(
        Caller caller, ReportQueries reports, ReportOrigins origins, CancellationToken ct,
        string? stage = null, string? status = null, string? queue = null, Guid? cursor = null, int limit = 50)
    {
        var filter = ParseFilter(stage, status, queue);
        if (!filter.IsSuccess)
        {
            return ErrorProblems.Problem(filter.Error);
        }

        var page = await reports.ListAfterAsync(caller.OrganisationId, filter.Value, cursor, limit, ct);
        var duplicateOf = await origins.OfAsync(page.Reports, ct);
        var stages = await reports.StagesAsync([.. page.Reports.Select(r => r.Id)], ct);
        var items = new List<ReportResponse>(page.Reports.Count);
        foreach (var report in page.Reports)
        {
            items.Add(await ToResponseAsync(reports, report, duplicateOf.GetValueOrDefault(report.Id), stages[report.Id], ct));
        }

        return TypedResults.Ok(new Page<ReportResponse>(items, page.NextCursor?.ToString("D")));
    }

    /// <summary>A list filter from the query string: stage and status by name (any case), queue <c>no-reference</c>.</summary>
    public static Result<ReportFilter> ParseFilter(string? stage, string? status, string? queue)
    {
        ReportStage? byStage = null;
        ReportStatus? byStatus = null;
        if (!string.IsNullOrEmpty(stage))
        {
            if (!IsName<ReportStage>(stage, out var parsed))
            {
                return new InvalidError("stage", $"'{stage}' is not a stage; use one of {string.Join(", ", Enum.GetNames<ReportStage>())}.");
            }

            byStage = parsed;
        }

        if (!string.IsNullOrEmpty(status))
        {
            if (!IsName<ReportStatus>(status, out var parsed))
            {
                return new InvalidError("status", $"'{status}' is not a status; use Open or Closed.");
            }

            byStatus = parsed;
        }

        if (!string.IsNullOrEmpty(queue) && queue != "no-reference")
        {
            return new InvalidError("queue", $"'{queue}' is not a report queue; use no-reference.");
        }

        return new ReportFilter(byStage, byStatus, string.IsNullOrEmpty(queue) ? null : ReportQueue.NoReference);
    }

    private static bool IsName<T>(string text, out T value)
        where T : struct, Enum => Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]) && text[0] != '-';

    /// <remarks>
    /// Only the reporting hotline edits its report; another organisation's report answers 404, exactly like one that
    /// does not exist. An unknown site type, commerciality or payment method is a 400 naming the field.
    /// </remarks>
    public static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> EditContext(
        Guid id, ReportContextRequest body, Caller caller, ReportContexts contexts, ReportQueries reports, ReportOrigins origins, CancellationToken ct)
    {
        var result = await contexts.EditAsync(caller.OrganisationId, caller.Actor, id, body.ToEdit(), ct);
        return result.IsSuccess
            ? TypedResults.Ok(await ToResponseAsync(reports, result.Value, await origins.OfAsync(result.Value, ct), ct))
            : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<Page<MediaResponse>>, NotFound>> Media(
        Guid id, Caller caller, ReportQueries reports, CancellationToken ct, string? cursor = null, int limit = 100)
    {
        if (await reports.MediaAsync(caller.OrganisationId, id, cursor, limit, ct) is not { } page)
        {
            return TypedResults.NotFound();
        }

        var response = page.Items.Select(m => new MediaResponse(
            m.Item.Sha256, m.Item.Md5, m.Item.Sha1, m.Item.Pdq, m.Item.PdqQuality, m.Item.IsVideo ? "video" : "image", m.Item.Format.ToString(),
            m.Item.Width, m.Item.Height, m.Item.ByteLength, m.Item.DecodeError, [.. m.FoundAt.Select(f => new MediaLocation(f.UrlId, f.Url, f.PageUrl, f.FoundIn))]))
            .ToList();
        return TypedResults.Ok(new Page<MediaResponse>(response, page.NextCursor));
    }

    private static async Task<ReportResponse> ToResponseAsync(ReportQueries reports, Report report, ReportOrigin? duplicateOf, CancellationToken ct) =>
        await ToResponseAsync(reports, report, duplicateOf, (await reports.StagesAsync([report.Id], ct))[report.Id], ct);

    private static async Task<ReportResponse> ToResponseAsync(
        ReportQueries reports, Report report, ReportOrigin? duplicateOf, ReportStage stage, CancellationToken ct) =>
        new(report.Id, report.Url, report.ReceivedAt, report.CreatedAt, report.HotlineReference, report.SiteType, report.Commerciality,
            ReportValues.Names(report.PaymentMethods), report.Referrer, report.Memo, report.HasCredentials, duplicateOf,
            await reports.CrawlAsync(report, ct) is { } crawl ? CrawlResponse.From(crawl) : null, stage.Status(), stage);
}
