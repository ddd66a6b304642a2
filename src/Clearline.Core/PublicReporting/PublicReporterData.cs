namespace Clearline.PublicReporting;

/// <summary>
/// Clears what a public reporter gave about themselves, when <see cref="PublicReportingOptions.ReporterDataRetention"/>
/// is over: the sealed e-mail address (<see cref="PublicContact.Clear"/>), what they saw and where they found it, and
/// marks when (<see cref="PublicReport.ReporterDataClearedAt"/>). The reference, the language, the URLs and their
/// triage stay: the status page and the statistics need them, and they say nothing about the reporter.
/// </summary>
/// <remarks>Runs in the retention run's unit of work, as the system; the run audits the counts (never a reference or an address).</remarks>
public sealed class PublicReporterData(ClearlineDbContext db)
{
    /// <summary>Public reports received before <paramref name="cutoff"/> whose reporter data is not cleared yet.</summary>
    public IQueryable<PublicReport> Due(DateTimeOffset cutoff) =>
        db.Set<PublicReport>().IgnoreQueryFilters().Where(p => p.ReporterDataClearedAt == null && p.CreatedAt < cutoff);

    /// <summary>Clears the reporter data of these public reports and returns how many were cleared per organisation.</summary>
    public async Task<IReadOnlyList<(Guid OrganisationId, int Count)>> ClearAsync(IReadOnlyCollection<Guid> publicReportIds, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(publicReportIds);
        var reports = await db.Set<PublicReport>().IgnoreQueryFilters()
            .Where(p => publicReportIds.Contains(p.Id) && p.ReporterDataClearedAt == null).ToListAsync(ct);
        foreach (var report in reports)
        {
            PublicContact.Clear(report);
            report.WhatSeen = null;
            report.WhereFound = null;
            report.ReporterDataClearedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return [.. reports.GroupBy(p => p.OrganisationId).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];
    }
}
