using System.Globalization;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Notifications;
using Clearline.Organisations;
using Microsoft.Extensions.Options;

namespace Clearline.PublicReporting;

/// <summary>The durable job that tells a public reporter who asked for feedback that their report was handled.</summary>
public sealed record PublicReportFeedbackJob(Guid PublicReportId)
{
    public const string Kind = "public-report-feedback";

    /// <summary>
    /// Attempts before the job is dead-lettered: with the workers' backoff (capped at <c>Workers:MaxRetryDelay</c>,
    /// 10 minutes by default) a mail server may be down for most of a day and the reporter still hears; a dead-lettered
    /// job can be retried from the jobs page.
    /// </summary>
    public const int MaxAttempts = 100;
}

/// <summary>
/// Queues a <see cref="PublicReportFeedbackJob"/> when triage decides a URL of a public report whose reporter asked for
/// feedback, in the triage's unit of work; whether every URL is decided is checked by the job, once committed.
/// </summary>
/// <remarks>Without a mail server configured nothing is queued (as for every mail): the reporter can still look up the status page.</remarks>
public sealed class PublicReportFeedbackObserver(ClearlineDbContext db, MailSender sender, JobQueue jobs) : IEventObserver<PublicReportUrlDecided>
{
    public async Task OnAsync(PublicReportUrlDecided happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        if (!sender.IsConfigured)
        {
            return;
        }

        var wanted = await db.Set<PublicReport>().IgnoreQueryFilters()
            .AnyAsync(p => p.Id == happened.PublicReportId && p.WantsFeedback && p.FeedbackSentAt == null && p.ContactSealed != null, ct);
        if (wanted)
        {
            jobs.Enqueue(PublicReportFeedbackJob.Kind, new PublicReportFeedbackJob(happened.PublicReportId), happened.OrganisationId,
                maxAttempts: PublicReportFeedbackJob.MaxAttempts);
        }
    }
}

/// <summary>
/// Sends the one feedback e-mail of a handled public report (every URL accepted or closed) in the reporter's language
/// (<see cref="PublicReportFeedbackTexts"/>), then forgets the address.
/// </summary>
/// <remarks>
/// <para>Idempotent: it does nothing unless the report is handled, wants feedback, still has its address and has no
/// <see cref="PublicReport.FeedbackSentAt"/>. Each decided URL queues a job, so the last decision's job sends; the
/// others find the report not yet handled, or already answered. The mail is sent before any transaction opens (a slow
/// mail server must not hold the database's write lock); a failed send throws, so the job retries with backoff and a
/// mail outage loses nothing. Then one transaction claims <see cref="PublicReport.FeedbackSentAt"/> where it is still
/// empty and forgets the address. At least once: two jobs running at the very same moment, or a commit that fails
/// after the send, can send the mail twice; never none.</para>
/// <para>Audited as <see cref="AuditAction.PublicReportFeedbackSent"/> with the language only, a failed send as
/// <see cref="AuditAction.NotificationFailed"/>: never the address.</para>
/// </remarks>
public sealed class PublicReportFeedbackHandler(
    ClearlineDbContext db, UnitOfWork work, MailSender sender, PublicContact contact, PublicReportStatuses statuses, AuditTrail audit,
    IOptions<MailOptions> mail, TimeProvider time)
    : IJobHandler<PublicReportFeedbackJob>
{
    public async Task HandleAsync(PublicReportFeedbackJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var ct = cancellationToken;
        if (!sender.IsConfigured)
        {
            return;
        }

        var report = await db.Set<PublicReport>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == payload.PublicReportId, ct);
        if (report is not { WantsFeedback: true, FeedbackSentAt: null, HasContact: true } || (await statuses.StatusOfAsync(report.Id, ct)).Status != PublicReportStatus.Handled)
        {
            return;
        }

        var hotline = await db.Set<Organisation>().IgnoreQueryFilters().Where(o => o.Id == report.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var address = contact.Open(report);
        if (address is null)
        {
            return;
        }

        var language = PublicReportFeedbackTexts.Neutral(report.Language);
        var link = mail.Value.PortalUrl is { } portal ? new Uri(portal, "/report/status/" + report.Reference).AbsoluteUri : null;
        var (subject, body) = PublicReportFeedbackTexts.For(language, report.Reference, hotline, link);
        var target = string.Create(CultureInfo.InvariantCulture, $"public-report:{report.Id:D}");
        try
        {
            await sender.SendAsync(new MailMessage([address], subject, body), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.NotificationFailed, AuditActor.System, report.OrganisationId, target,
                Detail: string.Create(CultureInfo.InvariantCulture, $"public report feedback, attempt {context.Attempt}: {ex.GetType().Name}")), ct);
            throw;
        }

        var now = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        var claimed = await db.Set<PublicReport>().IgnoreQueryFilters().Where(p => p.Id == report.Id && p.FeedbackSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.FeedbackSentAt, now), ct);
        if (claimed == 0)
        {
            return;
        }

        report.FeedbackSentAt = now;
        PublicContact.Clear(report);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.PublicReportFeedbackSent, AuditActor.System, report.OrganisationId, target,
            Detail: $"language={language}"), ct);
        await transaction.CommitAsync(ct);
    }
}
