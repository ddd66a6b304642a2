namespace Clearline.Reports;

/// <summary>
/// Clears what a reporter gave about themselves with a report, when retention says its time is over: the memo (the
/// reporter's free-text account, where contact details end up) and the gated-content credentials. The URL, the
/// context the network needs (site type, commerciality, payment methods, referrer) and the report itself stay.
/// </summary>
/// <remarks>Runs in the caller's unit of work, as the system; the caller audits each report.</remarks>
public sealed class ReporterData(ClearlineDbContext db)
{
    public async Task ClearAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        await db.Set<Report>().IgnoreQueryFilters().Where(r => reportIds.Contains(r.Id) && r.Memo != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Memo, (string?)null), ct);
        await db.Set<ReportCredential>().IgnoreQueryFilters().Where(c => reportIds.Contains(c.ReportId)).ExecuteDeleteAsync(ct);
    }
}
