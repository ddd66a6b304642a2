using System.Linq.Expressions;
using Clearline.Organisations;

namespace Clearline.Reports;

/// <summary>Finds the network's first report of a URL, across hotlines, and says who made it and when.</summary>
/// <remarks>
/// De-duplication must see every hotline's reports, so these queries bypass the tenant filter; they return only a
/// <see cref="ReportOrigin"/> (id, organisation name, date), never the other hotline's report itself.
/// </remarks>
public sealed class ReportOrigins(ClearlineDbContext db)
{
    /// <summary>The first report that <paramref name="report"/> duplicates, or null when it is a first report.</summary>
    public async Task<ReportOrigin?> OfAsync(Report report, CancellationToken ct) =>
        report.DuplicateOfReportId is { } id ? await QueryAsync(r => r.Id == id, ct) : null;

    /// <summary>The origins of several reports at once (for lists), keyed by the duplicate's id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ReportOrigin>> OfAsync(IEnumerable<Report> reports, CancellationToken ct)
    {
        var firstIds = reports.Where(r => r.DuplicateOfReportId != null).Select(r => r.DuplicateOfReportId!.Value).Distinct().ToList();
        if (firstIds.Count == 0)
        {
            return new Dictionary<Guid, ReportOrigin>();
        }

        var origins = await Origins(r => firstIds.Contains(r.Id)).ToDictionaryAsync(o => o.ReportId, ct);
        return reports.Where(r => r.DuplicateOfReportId is { } id && origins.ContainsKey(id))
            .ToDictionary(r => r.Id, r => origins[r.DuplicateOfReportId!.Value]);
    }

    /// <summary>The first report of the URL with this <see cref="Report.UrlKey"/>, from any hotline, or null.</summary>
    internal Task<ReportOrigin?> FirstOfAsync(string urlKey, CancellationToken ct) =>
        QueryAsync(r => r.UrlKey == urlKey && r.DuplicateOfReportId == null, ct);

    private Task<ReportOrigin?> QueryAsync(Expression<Func<Report, bool>> which, CancellationToken ct) =>
        Origins(which).FirstOrDefaultAsync(ct);

    private IQueryable<ReportOrigin> Origins(Expression<Func<Report, bool>> which) =>
        db.Set<Report>().IgnoreQueryFilters().AsNoTracking().Where(which)
            .Join(db.Set<Organisation>().IgnoreQueryFilters(), r => r.OrganisationId, o => o.Id, (r, o) => new ReportOrigin(r.Id, o.Name, r.CreatedAt));
}
