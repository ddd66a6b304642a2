using Clearline.Configuration;
using Clearline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Telemetry;

public sealed class MetricsOptionsTests
{
    [Theory]
    [InlineData("BindAddress", "metrics.example", "Metrics:BindAddress: must be an IP address, such as 127.0.0.1 or ::1.")]
    [InlineData("Port", "70000", "Metrics:Port: The field Port must be between 0 and 65535.")]
    public void Options_BadValue_OneLineNamingTheSetting(string setting, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Metrics:{setting}"] = value }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSectionOptions<MetricsOptions>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MetricsOptions>>().Value);

        Assert.Equal(expected, Assert.Single(error.Failures));
    }

    [Fact]
    public void Options_Defaults_OffAndOnLoopback()
    {
        var options = new MetricsOptions();

        Assert.False(options.Enabled);
        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.Equal(9464, options.Port);
    }

    [Fact]
    public void PrometheusText_NamesAndLabels_EscapedForTheExposition()
    {
        Assert.Equal("http_server_request_duration", PrometheusText.Name("http.server.request.duration"));
        Assert.Equal("_lives", PrometheusText.Name("9lives"));
        Assert.Equal("a\\\"b\\\\c\\nd", PrometheusText.EscapeLabel("a\"b\\c\nd"));
    }
}
