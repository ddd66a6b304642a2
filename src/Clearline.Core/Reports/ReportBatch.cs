using Clearline.Audit;
using Clearline.Database;
using Clearline.Results;

namespace Clearline.Reports;

public enum ReportBatchStatus
{
    Accepted = 0,
    Duplicate = 1,
    Invalid = 2,
}

/// <summary>What became of one data row of a batch.</summary>
public sealed record ReportBatchRow(long Line, ReportBatchStatus Status, Guid? ReportId = null, ReportOrigin? DuplicateOf = null, string? Reason = null);

/// <summary>
/// Submits a CSV batch of reports (<see cref="ReportCsv"/>): each good row is its own report (and, when the network
/// does not have the URL yet, its own crawl job), stored atomically per row, so a bad row costs only itself.
/// </summary>
/// <remarks>
/// The whole file is read and counted before anything is stored, so a batch over <see cref="ReportLimits.MaxBatchRows"/>
/// or with a bad header is refused whole rather than half-submitted.
/// </remarks>
public sealed class ReportBatch(ReportIntake intake, ClearlineDbContext db, AuditTrail audit)
{
    public async Task<Result<IReadOnlyList<ReportBatchRow>>> SubmitAsync(Guid organisationId, AuditActor actor, Stream csv, CancellationToken ct)
    {
        var read = await ReportCsv.ReadAsync(csv, ReportLimits.MaxBatchRows, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var results = new List<ReportBatchRow>(read.Value.Count);
        foreach (var row in read.Value)
        {
            results.Add(row.Submission is null
                ? new ReportBatchRow(row.Line, ReportBatchStatus.Invalid, Reason: row.Error)
                : await SubmitRowAsync(organisationId, actor, row.Line, row.Submission, ct));

            // Each row is its own unit of work; a tracker holding ten thousand reports would slow every save.
            db.ChangeTracker.Clear();
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.ReportBatchSubmitted, actor, organisationId,
            Detail: $"{results.Count(r => r.Status == ReportBatchStatus.Accepted)} accepted, "
                + $"{results.Count(r => r.Status == ReportBatchStatus.Duplicate)} duplicate, {results.Count(r => r.Status == ReportBatchStatus.Invalid)} invalid"), ct);
        return results;
    }

    private async Task<ReportBatchRow> SubmitRowAsync(Guid organisationId, AuditActor actor, long line, ReportSubmission submission, CancellationToken ct)
    {
        var result = await intake.SubmitAsync(organisationId, actor, submission, idempotencyKey: null, ct);
        if (!result.IsSuccess)
        {
            var reason = result.Error is Invalid invalid ? $"{invalid.Field} {invalid.Message}" : result.Error.Message;
            return new ReportBatchRow(line, ReportBatchStatus.Invalid, Reason: reason);
        }

        var (report, _, first) = result.Value;
        return first is null
            ? new ReportBatchRow(line, ReportBatchStatus.Accepted, report.Id)
            : new ReportBatchRow(line, ReportBatchStatus.Duplicate, report.Id, first);
    }
}
