using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.MediaItems;
using Clearline.Reports;
using Clearline.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Api;

/// <summary><c>/api/v1/reports</c>: submit a reported URL and follow its crawl, media and content URLs.</summary>
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
        string State, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, int PagesFetched, int MediaFound, int Urls, int Errors, string? LimitReason, string? Error);

    /// <summary>A report; <c>crawl</c> is null for a duplicate (it has none), <c>duplicateOf</c> null for a first report.</summary>
    public sealed record ReportResponse(
        Guid Id, string Url, DateTimeOffset ReceivedAt, DateTimeOffset CreatedAt, string? HotlineReference, SiteType SiteType,
        Commerciality Commerciality, IReadOnlyList<string> PaymentMethods, string? Referrer, string? Memo, bool HasCredentials,
        ReportOrigin? DuplicateOf, CrawlResponse? Crawl);

    public sealed record MediaLocation(Guid UrlId, string Url, string? PageUrl, string? FoundIn);

    public sealed record MediaResponse(
        string Sha256, string Md5, string Sha1, string? Pdq, int? PdqQuality, string MediaType, string Format, int? Width, int? Height,
        long ByteLength, string? DecodeError, IReadOnlyList<MediaLocation> FoundAt);

    public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapPost("/", Submit).RequireAuthorization(Policies.Scope(ApiScopes.ReportsWrite))
            .Accepts<SubmitReportRequest>("application/json").WithName("SubmitReport")
            .WithSummary("Submit a reported URL. A URL the network already has is linked to its first report (duplicateOf) and not crawled again; otherwise it is crawled at once. Honours Idempotency-Key.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Scope(ApiScopes.ReportsRead))
            .WithName("GetReport").WithSummary("A report, its crawl state and counts.");
        group.MapGet("/{id:guid}/media", Media).RequireAuthorization(Policies.Scope(ApiScopes.ReportsRead))
            .WithName("ListReportMedia").WithSummary("Every media item the crawl found, with its hashes and where it was found.");
        group.MapGet("/{id:guid}/urls", UrlsApi.ListForReport).RequireAuthorization(Policies.Scope(ApiScopes.ReportsRead))
            .WithName("ListReportUrls").WithSummary("Every URL the crawl fetched, with its outcome and hosting.");
        return group;
    }

    public static async Task<Results<Created<ReportResponse>, ProblemHttpResult>> Submit(
        SubmitReportRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context,
        ReportIntake intake,
        ClearlineDbContext db,
        ReportOrigins origins,
        CancellationToken ct)
    {
        var organisation = context.User.OrganisationId()!.Value;
        var result = await intake.SubmitAsync(organisation, AuditActor.ApiKey(context.User.ApiKeyId()!.Value), body.ToSubmission(), idempotencyKey, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        if (result.Value.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var report = result.Value.Report;
        return TypedResults.Created($"/api/v1/reports/{report.Id}", await ToResponseAsync(db, report, result.Value.DuplicateOf, ct));
    }

    /// <remarks>
    /// Another organisation's report answers 404, exactly like one that does not exist; of the first report a duplicate
    /// links to, only its id, organisation name and date are shown.
    /// </remarks>
    public static async Task<Results<Ok<ReportResponse>, NotFound>> Get(
        Guid id, HttpContext context, ClearlineDbContext db, ReportOrigins origins, CancellationToken ct)
    {
        var organisation = context.User.OrganisationId();
        var report = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisation, ct);
        return report is null ? TypedResults.NotFound() : TypedResults.Ok(await ToResponseAsync(db, report, await origins.OfAsync(report, ct), ct));
    }

    public static async Task<Results<Ok<Page<MediaResponse>>, NotFound>> Media(
        Guid id, HttpContext context, ClearlineDbContext db, CancellationToken ct, string? cursor = null, int limit = 100)
    {
        var organisation = context.User.OrganisationId();
        if (!await db.Set<Report>().AnyAsync(r => r.Id == id && r.OrganisationId == organisation, ct))
        {
            return TypedResults.NotFound();
        }

        limit = Math.Clamp(limit, 1, 1000);
        var occurrences = db.Set<MediaOccurrence>().AsNoTracking().Where(o => o.ReportId == id && o.OrganisationId == organisation);
        var shas = await occurrences.Select(o => o.MediaSha256).Distinct()
            .Where(s => cursor == null || string.Compare(s, cursor) > 0)
            .OrderBy(s => s).Take(limit + 1).ToListAsync(ct);
        var next = shas.Count > limit ? shas[limit - 1] : null;
        shas = [.. shas.Take(limit)];

        var items = await db.Set<MediaItem>().AsNoTracking().Where(m => shas.Contains(m.Sha256)).ToDictionaryAsync(m => m.Sha256, ct);
        var found = (await occurrences.Where(o => shas.Contains(o.MediaSha256))
            .Join(db.Set<CrawledUrl>(), o => o.CrawledUrlId, u => u.Id, (o, u) => new { o.MediaSha256, o.FoundIn, UrlId = u.Id, u.Url, u.FoundOnId })
            .ToListAsync(ct))
            .ToLookup(f => f.MediaSha256, StringComparer.Ordinal);
        var pageIds = found.SelectMany(f => f).Where(f => f.FoundOnId != null).Select(f => f.FoundOnId!.Value).Distinct().ToList();
        var pages = await db.Set<CrawledUrl>().AsNoTracking().Where(u => pageIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Url, ct);

        var response = shas.Select(sha =>
        {
            var item = items[sha];
            var locations = found[sha]
                .Select(f => new MediaLocation(f.UrlId, f.Url, f.FoundOnId is { } page ? pages.GetValueOrDefault(page) : null, f.FoundIn))
                .ToList();
            return new MediaResponse(item.Sha256, item.Md5, item.Sha1, item.Pdq, item.PdqQuality, item.IsVideo ? "video" : "image", item.Format.ToString(),
                item.Width, item.Height, item.ByteLength, item.DecodeError, locations);
        }).ToList();
        return TypedResults.Ok(new Page<MediaResponse>(response, next));
    }

    private static async Task<ReportResponse> ToResponseAsync(ClearlineDbContext db, Report report, ReportOrigin? duplicateOf, CancellationToken ct)
    {
        var crawl = await db.Set<Crawl>().AsNoTracking().FirstOrDefaultAsync(c => c.ReportId == report.Id, ct);
        return new ReportResponse(
            report.Id, report.Url, report.ReceivedAt, report.CreatedAt, report.HotlineReference, report.SiteType, report.Commerciality,
            ReportValues.Names(report.PaymentMethods), report.Referrer, report.Memo, report.HasCredentials, duplicateOf,
            crawl is null ? null : await CrawlStatus.OfAsync(db, crawl, ct));
    }
}
