using System.Linq.Expressions;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Reports;

/// <summary>
/// The stage of reports (<see cref="ReportStage"/>), worked out in the database from the report's crawl, the
/// decisions on what it found and its routes, so that lists filter and page by stage.
/// </summary>
/// <remarks>
/// <para>A report follows its own crawl. A duplicate, which has none, follows its first report (the crawl that
/// fetched its content, and the routes of that content); a recrawled repeat has a crawl of its own and follows it.
/// Only the stage of the first report shows, never its context or content.</para>
/// <para>"Decided" means a current decision that holds for the hotline whose crawl found the item, by the rule of
/// <see cref="DecisionScope"/> for a hotline: network-wide, or National under its country's law, and automatic only
/// from a list it sees (its own or a network list). Written out per row, because the hotline differs per report.</para>
/// <para>Reads past the tenant filter (a duplicate's first report may be another hotline's); callers select the
/// reports by their own organisation first.</para>
/// </remarks>
public sealed class ReportStageQueries(ClearlineDbContext db)
{
    private static readonly ParameterExpression Report = Expression.Parameter(typeof(Report), "r");

    /// <summary>The reports of <paramref name="reports"/> in <paramref name="filter"/>'s stage and status.</summary>
    public IQueryable<Report> Filter(IQueryable<Report> reports, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Stage is { } stage)
        {
            reports = reports.Where(In(stage));
        }

        if (filter.Status is { } status)
        {
            reports = reports.Where(status == ReportStatus.Closed ? In(ReportStage.Completed) : Lambda(Expression.Not(In(ReportStage.Completed).Body)));
        }

        return reports;
    }

    /// <summary>The stage of each report, by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ReportStage>> StagesAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken ct)
    {
        var reports = db.Set<Report>().IgnoreQueryFilters().Where(r => reportIds.Contains(r.Id));
        var assessment = await reports.Where(Lambda(Assessment())).Select(r => r.Id).ToListAsync(ct);
        var takedown = await reports.Where(Lambda(Takedown())).Select(r => r.Id).ToListAsync(ct);
        var monitoring = await reports.Where(Lambda(Monitoring())).Select(r => r.Id).ToListAsync(ct);
        return reportIds.Distinct().ToDictionary(id => id, id =>
            assessment.Contains(id) ? ReportStage.Assessment
            : takedown.Contains(id) ? ReportStage.Takedown
            : monitoring.Contains(id) ? ReportStage.Monitoring
            : ReportStage.Completed);
    }

    public async Task<ReportStage> StageAsync(Guid reportId, CancellationToken ct) => (await StagesAsync([reportId], ct))[reportId];

    /// <summary>Each stage holds when the ones before it do not.</summary>
    private Expression<Func<Report, bool>> In(ReportStage stage)
    {
        var (assessment, takedown, monitoring) = (Assessment(), Takedown(), Monitoring());
        return Lambda(stage switch
        {
            ReportStage.Assessment => assessment,
            ReportStage.Takedown => Expression.AndAlso(Expression.Not(assessment), takedown),
            ReportStage.Monitoring => Expression.AndAlso(Expression.Not(Expression.OrElse(assessment, takedown)), monitoring),
            ReportStage.Completed => Expression.Not(Expression.OrElse(assessment, Expression.OrElse(takedown, monitoring))),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
        });
    }

    /// <summary>The crawl is not done yet, or an item it found has no decision in force for the hotline that found it.</summary>
    private Expression Assessment()
    {
        var crawls = db.Set<Crawl>().IgnoreQueryFilters();
        var jobs = db.Set<Job>().IgnoreQueryFilters();
        var occurrences = db.Set<MediaOccurrence>().IgnoreQueryFilters();
        var decisions = db.Set<MediaClassification>().IgnoreQueryFilters();
        var lists = db.Set<HashList>().IgnoreQueryFilters();
        var organisations = db.Set<Organisation>().IgnoreQueryFilters();
        return Following(id =>
            crawls.Any(c => c.ReportId == id && c.State != CrawlState.Completed && c.State != CrawlState.Failed
                && !jobs.Any(j => j.Id == c.JobId && j.State == JobState.Failed))
            || occurrences.Any(o => o.ReportId == id && !decisions.Any(d => d.MediaSha256 == o.MediaSha256 && d.SupersededAt == null
                && (d.Jurisdiction == null || organisations.Any(g => g.Id == o.OrganisationId && g.CountryCode == d.Jurisdiction))
                && (d.HashListId == null || lists.Any(l => l.Id == d.HashListId
                    && (l.OwnerOrganisationId == o.OrganisationId || l.Visibility == HashListVisibility.Network))))));
    }

    /// <summary>A route of the report that is not withdrawn has no notice to the host yet (no action, or the police only).</summary>
    private Expression Takedown()
    {
        var routes = db.Set<ContentRoute>().IgnoreQueryFilters();
        var takedowns = db.Set<RouteTakedown>().IgnoreQueryFilters();
        return Following(id => routes.Any(rt => rt.ReportId == id && rt.State != RouteState.Withdrawn
            && !takedowns.Any(t => t.RouteId == rt.Id && t.State != TakedownState.Unactioned && t.State != TakedownState.ReportedToLea)));
    }

    /// <summary>A route of the report that is not withdrawn awaits removal after a notice.</summary>
    private Expression Monitoring()
    {
        var routes = db.Set<ContentRoute>().IgnoreQueryFilters();
        var takedowns = db.Set<RouteTakedown>().IgnoreQueryFilters();
        return Following(id => routes.Any(rt => rt.ReportId == id && rt.State != RouteState.Withdrawn
            && takedowns.Any(t => t.RouteId == rt.Id && t.State == TakedownState.AwaitingRemoval)));
    }

    /// <summary>
    /// <paramref name="rule"/> applied to the report a report follows: itself when it has a crawl of its own, else the
    /// first report it duplicates.
    /// </summary>
    private Expression Following(Expression<Func<Guid, bool>> rule)
    {
        var crawls = db.Set<Crawl>().IgnoreQueryFilters();
        Expression<Func<Report, Guid>> followed = r => crawls.Any(c => c.ReportId == r.Id) ? r.Id : (r.DuplicateOfReportId ?? r.Id);
        var id = new Replace(followed.Parameters[0], Report).Visit(followed.Body);
        return new Replace(rule.Parameters[0], id).Visit(rule.Body);
    }

    private static Expression<Func<Report, bool>> Lambda(Expression body) => Expression.Lambda<Func<Report, bool>>(body, Report);

    private sealed class Replace(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : base.VisitParameter(node);
    }
}
