
namespace Clearline.Reports;

public enum ReportBatchStatus
{
    Accepted = 0,
    Duplicate = 1,
    Invalid = 2,
}

/// <summary>One line of a batch as read (a CSV row, a line of the intake page): its submission, or why it cannot be one.</summary>
public sealed record ReportBatchLine(long Line, string? Url, ReportSubmission? Submission, string? Error)
{
    public static ReportBatchLine Read(long line, ReportSubmission submission) => new(line, submission.Url, submission, null);

    public static ReportBatchLine Refused(long line, string? url, string error) => new(line, url, null, error);
}

/// <summary>What became of one line of a batch; <see cref="Url"/> is the URL as given (null when the line could not be split).</summary>
public sealed record ReportBatchRow(
    long Line, string? Url, ReportBatchStatus Status, Guid? ReportId = null, ReportOrigin? DuplicateOf = null, string? Reason = null);

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
    /// <summary>Reads a CSV batch (<see cref="ReportCsv"/>) and submits its rows.</summary>
    public async Task<Result<IReadOnlyList<ReportBatchRow>>> SubmitAsync(Guid organisationId, AuditActor actor, Stream csv, CancellationToken ct)
    {
        var read = await ReportCsv.ReadAsync(csv, ReportLimits.MaxBatchRows, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var rows = await SubmitAsync(organisationId, actor, read.Value, ct);
        return rows.ToList();
    }

    /// <summary>Submits lines already read (the intake page's URLs), each on its own, in order.</summary>
    public async Task<IReadOnlyList<ReportBatchRow>> SubmitAsync(
        Guid organisationId, AuditActor actor, IReadOnlyList<ReportBatchLine> lines, CancellationToken ct)
    {
        var results = new List<ReportBatchRow>(lines.Count);
        foreach (var line in lines)
        {
            results.Add(line.Submission is null
                ? new ReportBatchRow(line.Line, line.Url, ReportBatchStatus.Invalid, Reason: line.Error)
                : await SubmitLineAsync(organisationId, actor, line.Line, line.Submission, ct));

            // Each row is its own unit of work; a tracker holding ten thousand reports would slow every save.
            db.ChangeTracker.Clear();
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.ReportBatchSubmitted, actor, organisationId,
            Detail: $"{results.Count(r => r.Status == ReportBatchStatus.Accepted)} accepted, "
                + $"{results.Count(r => r.Status == ReportBatchStatus.Duplicate)} duplicate, {results.Count(r => r.Status == ReportBatchStatus.Invalid)} invalid"), ct);
        return results;
    }

    private async Task<ReportBatchRow> SubmitLineAsync(Guid organisationId, AuditActor actor, long line, ReportSubmission submission, CancellationToken ct)
    {
        var result = await intake.SubmitAsync(organisationId, actor, submission, idempotencyKey: null, ct);
        if (!result.IsSuccess)
        {
            var reason = result.Error is InvalidError invalid ? $"{invalid.Field} {invalid.Message}" : result.Error.Message;
            return new ReportBatchRow(line, submission.Url, ReportBatchStatus.Invalid, Reason: reason);
        }

        var (report, _, first) = result.Value;
        return first is null
            ? new ReportBatchRow(line, submission.Url, ReportBatchStatus.Accepted, report.Id)
            : new ReportBatchRow(line, submission.Url, ReportBatchStatus.Duplicate, report.Id, first);
    }
}
