using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Reports;
using Clearline.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Api;

/// <summary><c>/api/v1/urls</c>: the URLs a crawl fetched, their hosting, and re-checks of them.</summary>
public static class UrlsApi
{
    public sealed record HostingResponse(string? IpAddress, string? CountryCode, long? Asn, string? NetworkOrganisation, bool? IsCdn, string? ReverseDns);

    public sealed record UrlResponse(
        Guid Id, Guid ReportId, string Url, string Role, int Depth, Guid? FoundOnId, string? FoundIn, string State, string Content,
        int? StatusCode, string? FinalUrl, string? ContentType, string? Error, DateTimeOffset? FetchedAt, string? MediaSha256, HostingResponse Hosting);

    public sealed record RecheckResponse(
        Guid Id, Guid UrlId, DateTimeOffset RequestedAt, DateTimeOffset? CheckedAt, string Outcome, int? StatusCode, string? Error,
        string? FoundSha256, int? PdqDistance, int ConsecutiveFailures);

    public sealed record UrlDetailResponse(UrlResponse Url, IReadOnlyList<RecheckResponse> Rechecks);

    public static RouteGroupBuilder MapUrlsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/urls").WithTags("URLs");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Scope(ApiScopes.ReportsRead))
            .WithName("GetUrl").WithSummary("One crawled URL with its hosting and re-checks.");
        group.MapPost("/{id:guid}/recheck", Recheck).RequireAuthorization(Policies.Scope(ApiScopes.ReportsWrite))
            .WithName("RecheckUrl").WithSummary("Fetch the URL again and record whether the same content is still there.");
        return group;
    }

    public static async Task<Results<Ok<ReportsApi.Page<UrlResponse>>, NotFound>> ListForReport(
        Guid id, HttpContext context, ClearlineDbContext db, CancellationToken ct, Guid? cursor = null, int limit = 100)
    {
        var organisation = context.User.OrganisationId();
        if (!await db.Set<Report>().AnyAsync(r => r.Id == id && r.OrganisationId == organisation, ct))
        {
            return TypedResults.NotFound();
        }

        limit = Math.Clamp(limit, 1, 1000);
        var urls = await db.Set<CrawledUrl>().AsNoTracking()
            .Where(u => u.ReportId == id && u.OrganisationId == organisation && (cursor == null || u.Id.CompareTo(cursor.Value) > 0))
            .OrderBy(u => u.Id).Take(limit + 1).ToListAsync(ct);
        var next = urls.Count > limit ? urls[limit - 1].Id.ToString("D") : null;
        return TypedResults.Ok(new ReportsApi.Page<UrlResponse>([.. urls.Take(limit).Select(ToResponse)], next));
    }

    public static async Task<Results<Ok<UrlDetailResponse>, NotFound>> Get(Guid id, HttpContext context, ClearlineDbContext db, CancellationToken ct)
    {
        var organisation = context.User.OrganisationId();
        var url = await db.Set<CrawledUrl>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.OrganisationId == organisation, ct);
        if (url is null)
        {
            return TypedResults.NotFound();
        }

        var rechecks = await db.Set<Crawling.Recheck>().AsNoTracking().Where(r => r.CrawledUrlId == id).OrderByDescending(r => r.Id).Take(100).ToListAsync(ct);
        return TypedResults.Ok(new UrlDetailResponse(ToResponse(url), [.. rechecks.Select(ToResponse)]));
    }

    public static async Task<Results<Accepted<RecheckResponse>, NotFound>> Recheck(Guid id, HttpContext context, Rechecks rechecks, CancellationToken ct)
    {
        var result = await rechecks.RequestAsync(context.User.OrganisationId()!.Value, id, AuditActor.ApiKey(context.User.ApiKeyId()!.Value), ct);
        return result.IsSuccess ? TypedResults.Accepted($"/api/v1/urls/{id}", ToResponse(result.Value)) : TypedResults.NotFound();
    }

    private static UrlResponse ToResponse(CrawledUrl u) => new(
        u.Id, u.ReportId, u.Url, u.Role.ToString().ToLowerInvariant(), u.Depth, u.FoundOnId, u.FoundIn, u.State.ToString().ToLowerInvariant(),
        u.Content.ToString().ToLowerInvariant(), u.StatusCode, u.FinalUrl, u.ContentType, u.Error, u.FetchedAt, u.MediaSha256,
        new HostingResponse(u.ServerAddress, u.CountryCode, u.Asn, u.NetworkOrganisation, u.IsCdn, u.ReverseDns));

    private static RecheckResponse ToResponse(Crawling.Recheck r) => new(
        r.Id, r.CrawledUrlId, r.RequestedAt, r.CheckedAt, r.Outcome.ToString().ToLowerInvariant(), r.StatusCode, r.Error, r.FoundSha256, r.PdqDistance, r.ConsecutiveFailures);
}
