using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Tenancy;
using Clearline.Events;

namespace Clearline.Routing;

/// <summary>A page's standing decision and its route, as the reporting hotline sees it.</summary>
public sealed record WebsiteDecisionView(
    Guid Id, Guid CrawledUrlId, Verdict Verdict, string? Jurisdiction, DateTimeOffset DecidedAt, DateTimeOffset? WithdrawnAt, Guid? RouteId, RouteState? RouteState);

/// <summary>A page a report's crawl fetched and whether the hotline marked it illegal itself.</summary>
public sealed record ReportPage(Guid CrawledUrlId, Guid ReportId, string Url, Verdict? Verdict);

/// <summary>
/// The reporting hotline marks one of its crawled pages itself illegal, which routes the page URL as a website
/// (<see cref="RouteSubject.Website"/>), or withdraws that decision, which withdraws the route while nobody acted on it.
/// </summary>
/// <remarks>
/// Only the hotline whose report found the page decides on it: any other organisation's page answers
/// <see cref="NotFoundError"/>, exactly like a page that does not exist.
/// </remarks>
public sealed class WebsiteDecisions(ClearlineDbContext db, UnitOfWork work, IllegalContentRouting routing, AuditTrail audit, EventAnnouncer events, TimeProvider time)
{
    public async Task<Result<WebsiteDecisionView>> DecideAsync(Caller caller, Guid crawledUrlId, Verdict? verdict, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (verdict is not (Verdict.Baseline or Verdict.National))
        {
            return new InvalidError("verdict", "A page is marked illegal Baseline or National; to leave it unmarked, withdraw the decision instead.");
        }

        if (verdict == Verdict.National && caller.CountryCode is null)
        {
            return new InvalidError("verdict", "A National decision is under a country's law; your organisation has no country.");
        }

        var page = await OwnPageAsync(caller, crawledUrlId, ct);
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        var now = time.GetUtcNow();
        var jurisdiction = verdict == Verdict.National ? caller.CountryCode : null;
        await using var transaction = await work.BeginAsync(ct);
        foreach (var old in await db.Set<WebsiteDecision>().Where(d => d.CrawledUrlId == crawledUrlId && d.WithdrawnAt == null).ToListAsync(ct))
        {
            old.WithdrawnAt = now;
        }

        var decision = new WebsiteDecision
        {
            OrganisationId = caller.OrganisationId,
            CrawledUrlId = crawledUrlId,
            Verdict = verdict.Value,
            Jurisdiction = jurisdiction,
            DecidedBy = $"{caller.Actor.Kind}:{caller.Actor.Id}",
            DecidedAt = now,
        };
        db.Add(decision);
        var route = await db.Set<ContentRoute>().FirstOrDefaultAsync(r => r.CrawledUrlId == crawledUrlId, ct);
        var reinstated = route?.State == RouteState.Withdrawn;
        var opened = route is null || reinstated;
        if (route is null)
        {
            route = await routing.NewRouteAsync(page.Value, RouteSubject.Website, verdict.Value, jurisdiction, now, ct);
            db.Add(route);
        }
        else if (route.State == RouteState.Withdrawn)
        {
            await routing.ReinstateAsync(route, verdict.Value, jurisdiction, now, ct);
        }
        else
        {
            route.Verdict = verdict.Value;
            route.Jurisdiction = jurisdiction;
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.WebsiteClassified, caller.Actor, caller.OrganisationId, $"crawledurl:{crawledUrlId:D}", Detail: verdict.Value.ToString()), ct);
        if (opened)
        {
            if (reinstated)
            {
                await audit.AppendAsync(new AuditEvent(AuditAction.RouteReinstated, caller.Actor, caller.OrganisationId, $"route:{route.Id:D}", Detail: "website"), ct);
            }

            await events.AnnounceAsync(new RouteOpened(route), ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return View(decision, route);
    }

    /// <summary>Withdraws the page's standing decision; its route is withdrawn too while nobody acted on it.</summary>
    public async Task<Result<WebsiteDecisionView>> WithdrawAsync(Caller caller, Guid crawledUrlId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var page = await OwnPageAsync(caller, crawledUrlId, ct);
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        await using var transaction = await work.BeginAsync(ct);
        var decision = await db.Set<WebsiteDecision>().FirstOrDefaultAsync(d => d.CrawledUrlId == crawledUrlId && d.WithdrawnAt == null, ct);
        if (decision is null)
        {
            return new NotFoundError("This page is not marked illegal; there is no decision to withdraw.");
        }

        var now = time.GetUtcNow();
        decision.WithdrawnAt = now;
        var route = await db.Set<ContentRoute>().FirstOrDefaultAsync(r => r.CrawledUrlId == crawledUrlId, ct);
        var withdrawn = route is not null && route.State != RouteState.Withdrawn && !await routing.HasActionsAsync(route.Id, ct);
        if (withdrawn)
        {
            routing.Withdraw(route!, "The reporting hotline withdrew its decision that the page is illegal.", now);
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.WebsiteClassified, caller.Actor, caller.OrganisationId, $"crawledurl:{crawledUrlId:D}", Detail: "withdrawn"), ct);
        if (withdrawn)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.RouteWithdrawn, caller.Actor, caller.OrganisationId, $"route:{route!.Id:D}", Detail: "website decision withdrawn"), ct);
        }

        await transaction.CommitAsync(ct);
        return View(decision, route);
    }

    /// <summary>The page's standing decision, when the caller's hotline found the page; null otherwise.</summary>
    public async Task<WebsiteDecisionView?> FindAsync(Caller caller, Guid crawledUrlId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var decision = await db.Set<WebsiteDecision>().AsNoTracking()
            .FirstOrDefaultAsync(d => d.CrawledUrlId == crawledUrlId && d.OrganisationId == caller.OrganisationId && d.WithdrawnAt == null, ct);
        if (decision is null)
        {
            return null;
        }

        var route = await db.Set<ContentRoute>().AsNoTracking().FirstOrDefaultAsync(r => r.CrawledUrlId == crawledUrlId, ct);
        return View(decision, route);
    }

    /// <summary>The pages a hotline's own report's crawl fetched, each with its standing decision (null when unmarked).</summary>
    public async Task<IReadOnlyList<ReportPage>> PagesOfReportAsync(Caller caller, Guid reportId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var organisation = caller.OrganisationId;
        var pages = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.ReportId == reportId && u.OrganisationId == organisation && u.Content == UrlContent.Page)
            .OrderBy(u => u.Id).Take(200)
            .Select(u => new { u.Id, u.Url })
            .ToListAsync(ct);
        var ids = pages.Select(p => p.Id).ToList();
        var decided = await db.Set<WebsiteDecision>().AsNoTracking().Where(d => ids.Contains(d.CrawledUrlId) && d.WithdrawnAt == null)
            .ToDictionaryAsync(d => d.CrawledUrlId, d => (Verdict?)d.Verdict, ct);
        return [.. pages.Select(p => new ReportPage(p.Id, reportId, p.Url, decided.GetValueOrDefault(p.Id)))];
    }

    private async Task<Result<CrawledUrl>> OwnPageAsync(Caller caller, Guid crawledUrlId, CancellationToken ct)
    {
        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(u => u.Id == crawledUrlId && u.OrganisationId == caller.OrganisationId, ct);
        if (url is null)
        {
            return new NotFoundError("No such page, or not one your hotline's reports found.");
        }

        return url.Content == UrlContent.Page
            ? url
            : new InvalidError("crawledUrlId", "Only a page is marked illegal itself; an image or video is classified in the assessment workspace.");
    }

    private static WebsiteDecisionView View(WebsiteDecision d, ContentRoute? route) =>
        new(d.Id, d.CrawledUrlId, d.Verdict, d.Jurisdiction, d.DecidedAt, d.WithdrawnAt, route?.Id, route?.State);
}
