using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Crawling.Fetching;

public sealed class FetchingServicesTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        before?.Invoke(services);
        services.AddFetcher();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddFetcher_BindsTheCrawlerSection_AndFetches()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/", () => "configured"));
        await using var provider = Build(new() { ["Crawler:AllowedNetworks:0"] = "127.0.0.0/8", ["Crawler:UserAgent"] = "Configured/1.0" });

        var fetcher = provider.GetRequiredService<Fetcher>();
        var result = await fetcher.FetchAsync(site.Url("/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Same(fetcher, provider.GetRequiredService<Fetcher>());
        Assert.IsType<SystemHostResolver>(provider.GetRequiredService<IHostResolver>());
        Assert.True(result.Succeeded, result.Error?.Message);
    }

    [Fact]
    public async Task AddFetcher_KeepsARegisteredResolver()
    {
        var resolver = new ScriptedResolver();
        await using var provider = Build([], services => services.AddSingleton<IHostResolver>(resolver));

        Assert.Same(resolver, provider.GetRequiredService<IHostResolver>());
    }

    [Theory]
    [InlineData("Crawler:AllowedNetworks:0", "not-a-network", "Crawler:AllowedNetworks:0")]
    [InlineData("Crawler:Proxy", "ftp://gateway.example:21", "Crawler:Proxy")]
    [InlineData("Crawler:MaxRedirects", "11", "Crawler:MaxRedirects")]
    public async Task AddFetcher_BadSetting_FailsNamingIt(string key, string value, string named)
    {
        await using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<Fetcher>());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
