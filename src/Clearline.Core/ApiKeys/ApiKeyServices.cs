using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.ApiKeys;

public static class ApiKeyServices
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSectionOptions<FailedKeyAttemptsOptions>();
        services.AddSingleton<FailedKeyAttempts>();
        services.AddSingleton<ApiKeyCache>();
        return services.AddScoped<ApiKeyService>();
    }
}
