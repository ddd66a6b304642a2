using Clearline.Matching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Matching;

/// <summary>A matching setting out of range, or an exact-enough bound beyond the threshold, stops the start naming the setting.</summary>
public sealed class MatchingOptionsTests
{
    [Theory]
    [InlineData("64", "10", "Matching:PdqThreshold:")]
    [InlineData("20", "25", "Matching:ExactEnoughDistance:")]
    [InlineData("31", "-1", "Matching:ExactEnoughDistance:")]
    public void Options_BadValue_FailsNamingTheSetting(string threshold, string exactEnough, string named)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Matching:PdqThreshold"] = threshold, ["Matching:ExactEnoughDistance"] = exactEnough })
            .Build());
        services.AddLogging();
        services.AddMatching();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MatchingOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }
}
