using System.Globalization;
using System.Text;
using Clearline.Crawling;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.Extensions.Options;

namespace Clearline.Notices;

/// <summary>One content URL a notice names: its route, the URL and when the crawl found it there.</summary>
public sealed record NoticeUrl(Guid RouteId, string Url, DateTimeOffset FoundAt);

/// <summary>A notice composed from a template, for the analyst to check and edit before sending.</summary>
/// <remarks>
/// <c>Languages</c> lists every language a template exists in, to choose another; <c>Urls</c> are the content URLs it names:
/// the route's, and with <c>gatherSameHost</c> the hotline's other open routes on the same address.
/// </remarks>
public sealed record NoticeDraft(
    string Language, IReadOnlyList<string> Languages, string Subject, string Body, string Reference, IReadOnlyList<NoticeUrl> Urls, string? Recipient);

/// <summary>Fills a notice or reminder template with a route's facts: URLs, time found, legal basis, hotline and reference.</summary>
/// <remarks>
/// Reports and crawled URLs belong to the reporting hotline; they are read past the tenant filter here, only for
/// routes the caller was found to act on. Nothing of the content goes in: no image, no hash, only its address.
/// </remarks>
public sealed class NoticeComposer(ClearlineDbContext db, NoticeTemplates templates, IOptions<NoticeOptions> options, TimeProvider time)
{
    /// <summary>At most this many routes are gathered into one notice.</summary>
    public const int MaxGathered = 50;

    /// <summary>The route's URL, and with <paramref name="gather"/> the same hotline's other open routes at the same IP address.</summary>
    public async Task<IReadOnlyList<NoticeUrl>> UrlsAsync(ContentRoute route, bool gather, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(route);
        var ids = new List<Guid> { route.Id };
        if (gather && route.ServerAddress is { } address && route.AssignedOrganisationId is { } assigned)
        {
            var open = new[] { TakedownState.Unactioned, TakedownState.ReportedToLea, TakedownState.AwaitingRemoval };
            ids.AddRange(await db.Set<ContentRoute>().AsNoTracking()
                .Where(r => r.Id != route.Id && r.AssignedOrganisationId == assigned && r.State == RouteState.Assigned && r.ServerAddress == address)
                .Where(r => !db.Set<RouteTakedown>().Any(t => t.RouteId == r.Id && !open.Contains(t.State)))
                .OrderBy(r => r.Id).Select(r => r.Id).Take(MaxGathered - 1).ToListAsync(ct));
        }

        return await UrlsOfAsync(ids, ct);
    }

    /// <summary>The URLs of the given routes, in the given order.</summary>
    public async Task<IReadOnlyList<NoticeUrl>> UrlsOfAsync(IReadOnlyList<Guid> routeIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(routeIds);
        var rows = await db.Set<ContentRoute>().AsNoTracking().Where(r => routeIds.Contains(r.Id))
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { r.Id, u.Url, u.FetchedAt, r.RoutedAt })
            .ToListAsync(ct);
        return [.. routeIds.Select(id => rows.First(r => r.Id == id)).Select(r => new NoticeUrl(r.Id, r.Url, r.FetchedAt ?? r.RoutedAt))];
    }

    /// <summary>The hotline's reference for the route: the report's hotline reference, or else the route id.</summary>
    public async Task<string> ReferenceAsync(ContentRoute route, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(route);
        var reference = await db.Set<Report>().IgnoreQueryFilters().Where(r => r.Id == route.ReportId).Select(r => r.HotlineReference).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(reference) ? route.Id.ToString("D") : reference.Trim();
    }

    /// <summary>Composes from the template of <paramref name="kind"/> in <paramref name="language"/>; null when no such template exists.</summary>
    public async Task<(string Subject, string Body)?> ComposeAsync(
        NoticeKind kind, string language, Guid hotlineId, string? countryCode, string reference, IReadOnlyList<NoticeUrl> urls, DateTimeOffset? noticeSentAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (templates.Find(kind, language) is not { } template)
        {
            return null;
        }

        var hotline = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == hotlineId).Select(o => o.Name).FirstAsync(ct);
        var list = new StringBuilder();
        foreach (var url in urls)
        {
            list.Append(CultureInfo.InvariantCulture, $"- {url.Url}\n  found {Format(url.FoundAt)}\n");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["hotline"] = hotline,
            ["reference"] = reference,
            ["urls"] = list.ToString().TrimEnd('\n'),
            ["foundAt"] = urls.Count == 0 ? null : Format(urls.Min(u => u.FoundAt)),
            ["country"] = countryCode,
            ["legalBasis"] = countryCode is not null && options.Value.LegalBasis.TryGetValue(countryCode, out var basis) ? basis : null,
            ["noticeSentAt"] = noticeSentAt is { } sent ? Format(sent) : null,
            ["date"] = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return NoticeTemplates.Render(template, values);
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
