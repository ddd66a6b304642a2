using Clearline.Escalation;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Referrals;

namespace Clearline.Notifications;

/// <summary>
/// Queues a <see cref="NewWorkNotification"/> when a referral is created or an escalation opened, in the announcer's
/// unit of work; the mail is sent later by the job, outside it, with retries.
/// </summary>
/// <remarks>Without a mail server configured nothing is queued: the navigation's queue counts still tell people.</remarks>
public sealed class NewWorkObservers(MailSender sender, JobQueue jobs) : IEventObserver<ReferralCreated>, IEventObserver<EscalationOpened>
{
    public Task OnAsync(ReferralCreated happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        if (sender.IsConfigured)
        {
            var referral = happened.Referral;
            jobs.Enqueue(NewWorkNotification.Kind, new NewWorkNotification(NewWork.Referral, referral.Id, referral.PoliceOrganisationId), referral.PoliceOrganisationId);
        }

        return Task.CompletedTask;
    }

    public Task OnAsync(EscalationOpened happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        if (sender.IsConfigured)
        {
            jobs.Enqueue(NewWorkNotification.Kind, new NewWorkNotification(NewWork.Escalation, happened.EscalationId, null));
        }

        return Task.CompletedTask;
    }
}
