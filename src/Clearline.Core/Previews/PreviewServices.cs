using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Previews;

public static class PreviewServices
{
    /// <summary>Blurred previews for the classification workspace, and audited reveals of originals.</summary>
    public static IServiceCollection AddPreviews(this IServiceCollection services)
    {
        services.AddScoped<MediaPreviews>();
        services.AddScoped<ContentReveals>();
        return services;
    }
}
