using Clearline.Crawling;
using Clearline.Crawling.Extraction;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Crawling.Extraction;

public sealed class ExtractionServicesTests
{
    [Fact]
    public void AddExtraction_DebianList_LoadsRules()
    {
        using var provider = Build("/usr/share/publicsuffix/public_suffix_list.dat");

        var list = provider.GetRequiredService<PublicSuffixList>();

        Assert.Equal("example.co.uk", list.RegistrableDomain("www.example.co.uk"));
    }

    [Fact]
    public void AddExtraction_MissingList_FallsBack()
    {
        using var provider = Build("/nonexistent/public_suffix_list.dat");

        Assert.Same(PublicSuffixList.Fallback, provider.GetRequiredService<PublicSuffixList>());
    }

    private static ServiceProvider Build(string path)
    {
        var services = new ServiceCollection().AddLogging().AddExtraction();
        services.Configure<CrawlerOptions>(o => o.PublicSuffixListPath = path);
        return services.BuildServiceProvider();
    }
}
