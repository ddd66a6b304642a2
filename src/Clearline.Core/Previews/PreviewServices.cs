using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Previews;

public static class PreviewServices
{
    /// <summary>Blurred previews (video contact sheets included) for the classification workspace, and audited reveals of originals.</summary>
    public static IServiceCollection AddPreviews(this IServiceCollection services)
    {
        services.AddSectionOptions<VideoPreviewOptions>();
        services.AddSingleton<VideoContactSheet>();
        services.AddScoped<MediaPreviews>();
        services.AddScoped<ContentReveals>();
        return services;
    }
}
