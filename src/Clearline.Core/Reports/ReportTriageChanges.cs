namespace Clearline.Reports;

/// <summary>Moves a report made from a public report's URL out of triage: accepted (inserted) or closed (never inserted).</summary>
/// <remarks>
/// The Reports feature's side of triage: the decision's details (who, when, why) are Public reporting's. The change
/// is one conditional update (only a report still <see cref="ReportTriage.Pending"/> moves), so two analysts deciding
/// the same URL at once leave one decision and the other is told it was taken meanwhile.
/// </remarks>
public sealed class ReportTriageChanges(ClearlineDbContext db)
{
    /// <summary>Accepts or closes the organisation's pending report, in the caller's unit of work.</summary>
    public async Task<Result<ReportTriage>> DecideAsync(Guid organisationId, Guid reportId, ReportTriage decision, CancellationToken ct)
    {
        if (decision is not (ReportTriage.Accepted or ReportTriage.Closed))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "A triage decision accepts or closes.");
        }

        var moved = await db.Set<Report>()
            .Where(r => r.Id == reportId && r.OrganisationId == organisationId && r.Triage == ReportTriage.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Triage, decision), ct);
        if (moved == 1)
        {
            return decision;
        }

        var current = await db.Set<Report>().Where(r => r.Id == reportId && r.OrganisationId == organisationId)
            .Select(r => (ReportTriage?)r.Triage).FirstOrDefaultAsync(ct);
        return current switch
        {
            null => new NotFoundError("No such report."),
            ReportTriage.Accepted => new ConflictError("This URL was already accepted."),
            ReportTriage.Closed => new ConflictError("This URL was already closed."),
            _ => new ConflictError("This report is not waiting in triage."),
        };
    }
}
