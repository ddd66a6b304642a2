using System.Globalization;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.Extensions.Options;

namespace Clearline.Notices;

/// <summary>The durable job that delivers one notice or reminder.</summary>
public sealed record NoticeDelivery(Guid NoticeId)
{
    public const string Kind = "notice-deliver";
}

/// <summary>The durable job that looks, <c>Takedown:ReminderAfter</c> after a notice or reminder was delivered, whether the content is still online.</summary>
public sealed record NoticeEscalation(Guid NoticeId)
{
    public const string Kind = "notice-escalate";
}

/// <summary>A delivery attempt failed for a reason that may pass; the job is retried with backoff.</summary>
public sealed class NoticeDeliveryFailedException : Exception
{
    public NoticeDeliveryFailedException()
    {
    }

    public NoticeDeliveryFailedException(string message)
        : base(message)
    {
    }

    public NoticeDeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Delivers a notice by its channel and records the outcome on it: Sent (time, message id), Retrying (the reason; the
/// job is retried with backoff) or Failed (the reason: a refusal for good, or the last attempt failed). Audited
/// <c>NoticeSent</c> (<c>NoticeReminderSent</c> for a reminder) or <c>NoticeFailed</c>. A delivered notice schedules its
/// escalation check <c>Takedown:ReminderAfter</c> later.
/// </summary>
/// <remarks>At least once: a worker killed after the send but before recording it sends again on the next attempt.</remarks>
public sealed class NoticeDeliveryHandler(
    ClearlineDbContext db, UnitOfWork work, NoticeMail mail, NoticeWebhook webhook, JobQueue jobs, AuditTrail audit,
    IOptions<TakedownOptions> takedown, TimeProvider time) : IJobHandler<NoticeDelivery>
{
    public async Task HandleAsync(NoticeDelivery payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        var ct = cancellationToken;
        var notice = await db.Set<Notice>().Include(n => n.Routes).FirstOrDefaultAsync(n => n.Id == payload.NoticeId, ct)
            ?? throw new PermanentJobFailureException("The notice no longer exists.");
        if (notice.State is NoticeDeliveryState.Sent or NoticeDeliveryState.Failed)
        {
            return;
        }

        var outcome = notice.Channel switch
        {
            NoticeChannel.Email => await mail.DeliverAsync(notice, ct),
            NoticeChannel.Webhook => await webhook.DeliverAsync(notice, await HotlineAsync(notice.OrganisationId, ct), ct),
            _ => DeliveryOutcome.Permanent($"Unknown channel {notice.Channel}."),
        };
        var maxAttempts = await db.Set<Job>().Where(j => j.Id == context.JobId).Select(j => (int?)j.MaxAttempts).FirstOrDefaultAsync(ct) ?? context.Attempt;
        var now = time.GetUtcNow();
        var state = outcome.State == NoticeDeliveryState.Retrying && context.Attempt >= maxAttempts ? NoticeDeliveryState.Failed : outcome.State;
        var error = outcome.Error is { } reason && state == NoticeDeliveryState.Failed && outcome.State == NoticeDeliveryState.Retrying
            ? string.Create(CultureInfo.InvariantCulture, $"{reason} Gave up after {context.Attempt} attempts.")
            : outcome.Error;

        await using (var transaction = await work.BeginAsync(ct))
        {
            notice.Attempts = context.Attempt;
            notice.LastAttemptAt = now;
            notice.State = state;
            notice.Error = error is null ? null : error.Length <= Notice.MaxErrorLength ? error : error[..Notice.MaxErrorLength];
            var target = $"notice:{notice.Id:D}";
            var detail = string.Create(CultureInfo.InvariantCulture, $"route={notice.RouteId:D};channel={notice.Channel};attempt={context.Attempt}");
            if (state == NoticeDeliveryState.Sent)
            {
                notice.SentAt = now;
                notice.MessageId = outcome.MessageId;
                notice.EscalationJobId = jobs.Enqueue(NoticeEscalation.Kind, new NoticeEscalation(notice.Id), notice.OrganisationId, now + takedown.Value.ReminderAfter).Id;
                await audit.AppendAsync(new AuditEvent(
                    notice.Kind == NoticeKind.Reminder ? AuditAction.NoticeReminderSent : AuditAction.NoticeSent, AuditActor.System, notice.OrganisationId, target, Detail: detail), ct);
            }
            else
            {
                await audit.AppendAsync(new AuditEvent(AuditAction.NoticeFailed, AuditActor.System, notice.OrganisationId, target,
                    Detail: $"{detail};{(state == NoticeDeliveryState.Failed ? "final" : "retrying")}"), ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        if (state == NoticeDeliveryState.Retrying)
        {
            throw new NoticeDeliveryFailedException(outcome.Error ?? "The notice could not be delivered.");
        }
    }

    private Task<string> HotlineAsync(Guid organisationId, CancellationToken ct) =>
        db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstAsync(ct);
}

/// <summary>
/// <c>Takedown:ReminderAfter</c> after a delivered notice: for the content it names that is still online (its takedown
/// still awaits removal, it is still assigned to the sending hotline, and no newer notice covers it), a reminder goes to
/// the same recipient. After a delivered reminder: each such route is flagged "host unresponsive".
/// </summary>
public sealed class NoticeEscalationHandler(
    ClearlineDbContext db, UnitOfWork work, NoticeComposer composer, JobQueue jobs, AuditTrail audit, IOptions<NoticeOptions> options, TimeProvider time)
    : IJobHandler<NoticeEscalation>
{
    public async Task HandleAsync(NoticeEscalation payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var ct = cancellationToken;
        var notice = await db.Set<Notice>().AsNoTracking().Include(n => n.Routes).FirstOrDefaultAsync(n => n.Id == payload.NoticeId, ct)
            ?? throw new PermanentJobFailureException("The notice no longer exists.");
        if (notice.State != NoticeDeliveryState.Sent)
        {
            return;
        }

        var first = notice.Kind == NoticeKind.Reminder && notice.RemindsNoticeId is { } reminded
            ? await db.Set<Notice>().AsNoTracking().FirstAsync(n => n.Id == reminded, ct)
            : notice;
        var online = await StillOnlineAsync(notice, first, ct);
        if (online.Count == 0)
        {
            return;
        }

        await using var transaction = await work.BeginAsync(ct);
        if (notice.Kind == NoticeKind.Notice)
        {
            if (!await RemindAsync(notice, online, ct))
            {
                return;
            }
        }
        else
        {
            await FlagAsync(notice, online, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The notice's routes whose content is still online and whose escalation is this notice's to make.</summary>
    private async Task<List<Guid>> StillOnlineAsync(Notice notice, Notice first, CancellationToken ct)
    {
        var ids = notice.Routes.Select(r => r.RouteId).ToList();
        var awaiting = await db.Set<RouteTakedown>().AsNoTracking()
            .Where(t => ids.Contains(t.RouteId) && t.State == TakedownState.AwaitingRemoval)
            .Join(db.Set<ContentRoute>(), t => t.RouteId, r => r.Id, (t, r) => r)
            .Where(r => r.AssignedOrganisationId == notice.OrganisationId)
            .Select(r => r.Id).ToListAsync(ct);
        var renewed = await db.Set<NoticeRoute>().AsNoTracking().Where(nr => awaiting.Contains(nr.RouteId))
            .Join(db.Set<Notice>(), nr => nr.NoticeId, n => n.Id, (nr, n) => new { nr.RouteId, n.Kind, n.CreatedAt })
            .Where(x => x.Kind == NoticeKind.Notice && x.CreatedAt > first.CreatedAt)
            .Select(x => x.RouteId).ToListAsync(ct);
        return [.. ids.Where(id => awaiting.Contains(id) && !renewed.Contains(id))];
    }

    private async Task<bool> RemindAsync(Notice notice, List<Guid> online, CancellationToken ct)
    {
        if (await db.Set<Notice>().AnyAsync(n => n.RemindsNoticeId == notice.Id, ct))
        {
            return false;
        }

        var urls = await composer.UrlsOfAsync(online, ct);
        var country = await db.Set<ContentRoute>().Where(r => r.Id == notice.RouteId).Select(r => r.CountryCode).FirstAsync(ct);
        var text = await composer.ComposeAsync(NoticeKind.Reminder, notice.Language, notice.OrganisationId, country, notice.Reference, urls, notice.SentAt, ct)
            ?? await composer.ComposeAsync(NoticeKind.Reminder, HostNotices.DefaultLanguage, notice.OrganisationId, country, notice.Reference, urls, notice.SentAt, ct)
            ?? throw new PermanentJobFailureException("No reminder template exists.");
        var reminder = new Notice
        {
            OrganisationId = notice.OrganisationId,
            RouteId = notice.RouteId,
            Kind = NoticeKind.Reminder,
            RemindsNoticeId = notice.Id,
            Channel = notice.Channel,
            Recipient = notice.Recipient,
            Language = notice.Language,
            Subject = text.Subject.Length <= Notice.MaxSubjectLength ? text.Subject : text.Subject[..Notice.MaxSubjectLength],
            Body = text.Body,
            Reference = notice.Reference,
            CreatedAt = time.GetUtcNow(),
            CreatedByKind = AuditActorKind.System,
            Routes = [.. urls.Select(u => new NoticeRoute { RouteId = u.RouteId, Url = u.Url })],
        };
        db.Add(reminder);
        reminder.DeliveryJobId = jobs.Enqueue(NoticeDelivery.Kind, new NoticeDelivery(reminder.Id), notice.OrganisationId, maxAttempts: options.Value.MaxDeliveryAttempts).Id;
        return true;
    }

    private async Task FlagAsync(Notice reminder, List<Guid> online, CancellationToken ct)
    {
        var flagged = await db.Set<UnresponsiveHost>().Where(f => f.ReminderId == reminder.Id).Select(f => f.RouteId).ToListAsync(ct);
        foreach (var routeId in online.Where(id => !flagged.Contains(id)))
        {
            db.Add(new UnresponsiveHost { RouteId = routeId, OrganisationId = reminder.OrganisationId, ReminderId = reminder.Id, FlaggedAt = time.GetUtcNow() });
            await audit.AppendAsync(new AuditEvent(AuditAction.HostFlaggedUnresponsive, AuditActor.System, reminder.OrganisationId, $"route:{routeId:D}",
                Detail: $"reminder={reminder.Id:D}"), ct);
        }
    }
}
