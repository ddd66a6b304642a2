using Clearline.Configuration;
using Clearline.Escalation;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Notifications;

public static class NotificationServices
{
    /// <summary>The mail sender (<see cref="MailOptions"/>) and the notifications of new referrals and escalations.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSectionOptions<MailOptions>();
        services.AddScoped<MailSender>();
        services.AddJobHandler<NewWorkNotificationHandler, NewWorkNotification>(NewWorkNotification.Kind);
        services.AddObserver<ReferralCreated, NewWorkObservers>();
        services.AddObserver<EscalationOpened, NewWorkObservers>();
        return services;
    }
}
