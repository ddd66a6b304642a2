using Clearline.Matching;
using Clearline.Videos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Videos;

/// <summary>A video setting out of range, or a "near" share above the match share, stops the start naming the setting.</summary>
public sealed class VideoOptionsTests
{
    [Theory]
    [InlineData("Matching:VideoNearPercent", "90", "Matching:VideoNearPercent:")]
    [InlineData("Matching:VideoQueryPercent", "0", "Matching:VideoQueryPercent:")]
    [InlineData("Matching:VideoComparedPercent", "101", "Matching:VideoComparedPercent:")]
    [InlineData("Video:SecondsPerHash", "-1", "Video:SecondsPerHash:")]
    [InlineData("Video:MaxFrames", "0", "Video:MaxFrames:")]
    [InlineData("Video:TimeBudget", "00:00:00", "Video:TimeBudget:")]
    public void Options_BadValue_FailsNamingTheSetting(string setting, string value, string named)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build());
        services.AddLogging();
        services.AddMatching();
        services.AddVideos();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() =>
            setting.StartsWith("Video:", StringComparison.Ordinal)
                ? (object)provider.GetRequiredService<IOptions<VideoOptions>>().Value
                : provider.GetRequiredService<IOptions<MatchingOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Defaults_HashEveryFrameAndMatchAtThreatExchangesThresholds()
    {
        var video = new VideoOptions();
        var matching = new MatchingOptions();

        Assert.Equal((0.0, TimeSpan.FromHours(1), 120_000, TimeSpan.FromMinutes(10)), (video.SecondsPerHash, video.MaxDuration, video.MaxFrames, video.TimeBudget));
        Assert.Equal((80.0, 0.0, 50.0), (matching.VideoQueryPercent, matching.VideoComparedPercent, matching.VideoNearPercent));
    }
}
