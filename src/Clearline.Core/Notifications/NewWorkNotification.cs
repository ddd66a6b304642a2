using System.Globalization;
using Clearline.Identity;
using Clearline.Jobs;
using Clearline.Organisations;
using Microsoft.Extensions.Options;

namespace Clearline.Notifications;

/// <summary>What new work a notification announces.</summary>
public enum NewWork
{
    /// <summary>A hotline referred content to a police unit.</summary>
    Referral = 1,

    /// <summary>An item entered INTERPOL's victim identification queue.</summary>
    Escalation = 2,
}

/// <summary>
/// The durable job that tells the receiving organisation of new work by e-mail: the referral's police unit
/// (<paramref name="OrganisationId"/>), or every active INTERPOL organisation for an escalation (null).
/// </summary>
public sealed record NewWorkNotification(NewWork Work, Guid SubjectId, Guid? OrganisationId)
{
    public const string Kind = "notify-new-work";
}

/// <summary>
/// Sends a <see cref="NewWorkNotification"/> to the organisation's active people whose role works that queue
/// (<see cref="Permission.WorkReferrals"/> for a police unit, <see cref="Permission.IdentifyVictims"/> for INTERPOL).
/// </summary>
/// <remarks>
/// <para>The mail says only that there is new work and links to the portal's queue: never content, URLs, hashes, the
/// referring hotline or the reason, so a mailbox read by someone else, or a mail server on the way, learns nothing.</para>
/// <para>Audited per organisation: <c>NotificationSent</c> or <c>NotificationFailed</c> with the number of recipients,
/// never their addresses. A failure throws, so the job is retried with backoff and dead-lettered after its attempts.
/// At least once: a retry after a send that succeeded but was not recorded sends the mail again.</para>
/// <para>Without a mail server configured it does nothing (the observers do not queue it then either).</para>
/// </remarks>
public sealed class NewWorkNotificationHandler(ClearlineDbContext db, MailSender sender, AuditTrail audit, IOptions<MailOptions> options)
    : IJobHandler<NewWorkNotification>
{
    public async Task HandleAsync(NewWorkNotification payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        if (!sender.IsConfigured)
        {
            return;
        }

        var (kind, permission, page, subject, text) = payload.Work switch
        {
            NewWork.Referral => (OrganisationKind.LawEnforcement, Permission.WorkReferrals, "/Police", "Clearline: a new referral for your unit",
                "A hotline has referred new content to your unit in Clearline."),
            NewWork.Escalation => (OrganisationKind.Interpol, Permission.IdentifyVictims, "/Interpol/Escalations", "Clearline: new material for victim identification",
                "New material has entered the victim identification queue in Clearline."),
            _ => throw new PermanentJobFailureException($"Unknown new work {payload.Work}."),
        };
        var organisations = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Kind == kind && o.DeactivatedAt == null && (payload.OrganisationId == null || o.Id == payload.OrganisationId))
            .Select(o => o.Id).ToListAsync(cancellationToken);
        var roles = Enum.GetValues<Role>().Where(r => RolePermissions.Has(r, permission)).ToList();
        var link = options.Value.PortalUrl is { } portal ? new Uri(portal, page).AbsoluteUri : page;
        var body = $"{text}\n\nSign in to see it: {link}\n\nThis message says nothing more on purpose: everything is in Clearline.\n";
        var target = string.Create(CultureInfo.InvariantCulture, $"{payload.Work.ToString().ToLowerInvariant()}:{payload.SubjectId:D}");
        foreach (var organisationId in organisations)
        {
            var recipients = await db.Set<ClearlineUser>().AsNoTracking()
                .Where(u => u.OrganisationId == organisationId && u.DisabledAt == null && u.Email != null && roles.Contains(u.Role))
                .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(cancellationToken);
            if (recipients.Count == 0)
            {
                continue;
            }

            try
            {
                await sender.SendAsync(new MailMessage(recipients, subject, body), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await audit.AppendAsync(new AuditEvent(AuditAction.NotificationFailed, AuditActor.System, organisationId, target,
                    Detail: string.Create(CultureInfo.InvariantCulture, $"{recipients.Count} recipients, attempt {context.Attempt}: {ex.GetType().Name}")), cancellationToken);
                throw;
            }

            await audit.AppendAsync(new AuditEvent(AuditAction.NotificationSent, AuditActor.System, organisationId, target,
                Detail: string.Create(CultureInfo.InvariantCulture, $"{recipients.Count} recipients")), cancellationToken);
        }
    }
}
