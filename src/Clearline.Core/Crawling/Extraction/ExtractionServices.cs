using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Crawling.Extraction;

public static class ExtractionServices
{
    /// <summary>
    /// Registers the <see cref="PublicSuffixList"/> singleton, read once from
    /// <see cref="CrawlerOptions.PublicSuffixListPath"/>. A missing or unreadable file logs a warning and falls
    /// back to <see cref="PublicSuffixList.Fallback"/>: crawls still run, with "same site" meaning the last two
    /// labels (so <c>a.example.co.uk</c> and <c>b.other.co.uk</c> would count as one site).
    /// </summary>
    public static IServiceCollection AddExtraction(this IServiceCollection services)
    {
        services.AddOptions<CrawlerOptions>();
        services.TryAddSingleton(provider => LoadSuffixes(
            provider.GetRequiredService<IOptions<CrawlerOptions>>().Value.PublicSuffixListPath,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<PublicSuffixList>()));
        return services;
    }

    private static PublicSuffixList LoadSuffixes(string path, ILogger logger)
    {
        try
        {
            var list = PublicSuffixList.Load(path);
            logger.LogInformation("Loaded {RuleCount} public suffix rules from {Path}", list.RuleCount, path);
            return list;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Public suffix list {Path} could not be read; a site is taken to be the last two labels of a host (install the publicsuffix package)", path);
            return PublicSuffixList.Fallback;
        }
    }
}
