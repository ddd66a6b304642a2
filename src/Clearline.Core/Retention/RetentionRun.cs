using System.Globalization;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Retention;

/// <summary>What a run deleted (or, dry, would delete): the items by rule, the preview blobs with them, the reports cleared.</summary>
public sealed record RetentionOutcome(
    bool DryRun,
    IReadOnlyList<string> MediaAfterFinalAction,
    IReadOnlyList<string> NotIllegalMedia,
    IReadOnlyList<Guid> ReporterData,
    int PreviewBlobs,
    int HeldMedia,
    int HeldReports,
    bool MoreRemain)
{
    /// <summary>Public reports whose reporter data (contact, what they saw, where) was cleared (or, dry, would be).</summary>
    public IReadOnlyList<Guid> PublicReporterData { get; init; } = [];

    public int Total => MediaAfterFinalAction.Count + NotIllegalMedia.Count + ReporterData.Count + PublicReporterData.Count;
}

/// <summary>
/// Applies the retention rules: shreds the originals and previews of items whose time is over and clears reporter
/// data, except what a legal hold keeps; a dry run only says what would go.
/// </summary>
/// <remarks>
/// Audit: one entry per item shredded and per report cleared (at most <see cref="RetentionOptions.MaxItemsPerRun"/>
/// per rule, so a run's entries are bounded), one entry per organisation and batch of public reports cleared, with
/// the count only (<see cref="AuditAction.PublicReporterDataCleared"/>), and one entry for the run with its counts when it deleted anything.
/// Each batch commits its deletions and their entries together; files go after the commit.
/// </remarks>
public sealed class RetentionRun(
    ClearlineDbContext db, UnitOfWork work, RetentionCandidates candidates, BlobShredder shredder, ReporterData reporterData,
    PublicReporterData publicReporterData, AuditTrail audit, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionRun> logger)
{
    public const string AfterFinalActionReason = "after-final-action";
    public const string NotIllegalReason = "not-illegal";
    private const int BatchSize = 100;

    public async Task<RetentionOutcome> RunAsync(bool dryRun, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await candidates.PlanAsync(options.Value, time.GetUtcNow(), ct);
        if (dryRun)
        {
            var previews = await candidates.PreviewBlobsAsync([.. plan.MediaAfterFinalAction, .. plan.NotIllegalMedia], ct);
            return new RetentionOutcome(true, plan.MediaAfterFinalAction, plan.NotIllegalMedia, plan.ReporterData, previews.Count, plan.HeldMedia, plan.HeldReports, plan.MoreRemain)
            {
                PublicReporterData = plan.PublicReporterData,
            };
        }

        var (afterFinal, previewsAfterFinal) = await ShredAsync(plan.MediaAfterFinalAction, AfterFinalActionReason, actor, ct);
        var (notIllegal, previewsNotIllegal) = await ShredAsync(plan.NotIllegalMedia, NotIllegalReason, actor, ct);
        var cleared = await ClearReporterDataAsync(plan.ReporterData, actor, ct);
        var publicCleared = await ClearPublicReporterDataAsync(plan.PublicReporterData, actor, ct);
        var leftover = await shredder.DeleteLeftoverFilesAsync(ct);
        var outcome = new RetentionOutcome(false, afterFinal, notIllegal, cleared, previewsAfterFinal + previewsNotIllegal, plan.HeldMedia, plan.HeldReports, plan.MoreRemain)
        {
            PublicReporterData = publicCleared,
        };
        if (outcome.Total > 0)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.RetentionRun, actor, Target: "retention", Detail: string.Create(CultureInfo.InvariantCulture,
                $"after-final-action={afterFinal.Count} not-illegal={notIllegal.Count} previews={outcome.PreviewBlobs} reporter-data={cleared.Count} public-reporter-data={publicCleared.Count} held-media={plan.HeldMedia} held-reports={plan.HeldReports} more={plan.MoreRemain}")), ct);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Retention run: {AfterFinalAction} items after their final action and {NotIllegal} not-illegal items shredded with {Previews} previews, reporter data of {Reports} reports cleared, {Leftover} leftover files deleted",
                afterFinal.Count, notIllegal.Count, outcome.PreviewBlobs, cleared.Count, leftover);
        }

        return outcome;
    }

    private async Task<(List<string> Shredded, int Previews)> ShredAsync(IReadOnlyList<string> items, string reason, AuditActor actor, CancellationToken ct)
    {
        var shredded = new List<string>();
        var previewCount = 0;
        foreach (var batch in items.Chunk(BatchSize))
        {
            var previews = await candidates.PreviewBlobsAsync(batch, ct);
            IReadOnlyList<string> originals;
            IReadOnlyList<string> previewsShredded;
            await using (var transaction = await work.BeginAsync(ct))
            {
                originals = await shredder.DestroyKeysAsync(batch, reason, ct);
                previewsShredded = await shredder.DestroyKeysAsync(previews, reason, ct);
                foreach (var sha in originals)
                {
                    await audit.AppendAsync(new AuditEvent(AuditAction.MediaShredded, actor, Target: $"blob:{sha}", Detail: $"reason={reason}"), ct);
                }

                await transaction.CommitAsync(ct);
            }

            await shredder.DeleteFilesAsync([.. originals, .. previewsShredded], ct);
            db.ChangeTracker.Clear();
            shredded.AddRange(originals);
            previewCount += previewsShredded.Count;
        }

        return (shredded, previewCount);
    }

    /// <summary>Clears public reporters' data in batches; one audit entry per organisation and batch, with the count only.</summary>
    private async Task<List<Guid>> ClearPublicReporterDataAsync(IReadOnlyList<Guid> publicReportIds, AuditActor actor, CancellationToken ct)
    {
        var cleared = new List<Guid>();
        foreach (var batch in publicReportIds.Chunk(BatchSize))
        {
            await using var transaction = await work.BeginAsync(ct);
            var counts = await publicReporterData.ClearAsync(batch, time.GetUtcNow(), ct);
            foreach (var (organisationId, count) in counts)
            {
                await audit.AppendAsync(new AuditEvent(AuditAction.PublicReporterDataCleared, actor, organisationId, "public-reports",
                    Detail: string.Create(CultureInfo.InvariantCulture, $"public-reports={count} reason=retention")), ct);
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            cleared.AddRange(batch);
        }

        return cleared;
    }

    private async Task<List<Guid>> ClearReporterDataAsync(IReadOnlyList<Guid> reportIds, AuditActor actor, CancellationToken ct)
    {
        var cleared = new List<Guid>();
        foreach (var batch in reportIds.Chunk(BatchSize))
        {
            await using var transaction = await work.BeginAsync(ct);
            var organisations = await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().Where(r => batch.Contains(r.Id))
                .Select(r => new { r.Id, r.OrganisationId }).ToListAsync(ct);
            await reporterData.ClearAsync(batch, ct);
            foreach (var report in organisations.OrderBy(r => r.Id))
            {
                await audit.AppendAsync(new AuditEvent(AuditAction.ReporterDataCleared, actor, report.OrganisationId, $"report:{report.Id:D}", Detail: "reason=retention"), ct);
            }

            await transaction.CommitAsync(ct);
            cleared.AddRange(organisations.Select(r => r.Id).Order());
        }

        return cleared;
    }
}
