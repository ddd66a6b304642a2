using Clearline.Configuration;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Notices;

public static class NoticeServices
{
    /// <summary>Notices to hosts: templates, composing and sending, delivery by e-mail or webhook, reminders and the unresponsive flag.</summary>
    public static IServiceCollection AddNotices(this IServiceCollection services)
    {
        services.AddSectionOptions<NoticeOptions>();
        services.AddSingleton<NoticeTemplates>();
        services.AddSingleton<NoticeWebhook>();
        services.AddScoped<NoticeComposer>();
        services.AddScoped<NoticeMail>();
        services.AddScoped<HostNotices>();
        services.AddScoped<NoticeQueries>();
        services.AddJobHandler<NoticeDeliveryHandler, NoticeDelivery>(NoticeDelivery.Kind);
        services.AddJobHandler<NoticeEscalationHandler, NoticeEscalation>(NoticeEscalation.Kind);
        return services;
    }
}
