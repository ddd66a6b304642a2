namespace Clearline.Pages.PublicReport;

public static class PublicReportPages
{
    /// <summary>Registers the public pages' localisation (resource files under <c>Resources/</c>) and their choice of language.</summary>
    public static IServiceCollection AddPublicReportPages(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<PublicCulture>();
        return services;
    }
}
