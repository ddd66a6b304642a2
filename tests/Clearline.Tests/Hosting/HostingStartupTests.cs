using Clearline.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Hosting;

/// <summary>The <c>Hosting</c> settings as the host sees them: bound, checked at start, one line naming the setting.</summary>
public sealed class HostingStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_DatabasesConfigured_TracerOpensBoth()
    {
        using var host = BuildHost(new() { ["Hosting:CountryDatabasePath"] = GeoIpTestData.Country, ["Hosting:AsnDatabasePath"] = GeoIpTestData.Isp });

        await host.StartAsync(Ct);
        var tracer = host.Services.GetRequiredService<HostingTracer>();

        Assert.True(tracer.HasCountryDatabase);
        Assert.Equal("GeoIP2-ISP", tracer.AsnDatabase?.DatabaseType);
        Assert.IsType<SystemReverseDnsResolver>(host.Services.GetRequiredService<IReverseDnsResolver>());
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Start_NothingConfigured_Starts()
    {
        using var host = BuildHost([]);

        await host.StartAsync(Ct);

        Assert.False(host.Services.GetRequiredService<HostingTracer>().HasCountryDatabase);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Start_MissingDatabaseFile_FailsNamingSetting()
    {
        using var host = BuildHost(new() { ["Hosting:CountryDatabasePath"] = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.mmdb") });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Hosting:CountryDatabasePath: file not found", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(0)]
    public async Task Start_CorruptDatabaseFile_FailsNamingSetting(int length)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clearline-corrupt-{Guid.NewGuid():N}.mmdb");
        await File.WriteAllBytesAsync(path, [.. Enumerable.Range(0, length).Select(i => (byte)(i * 37))], Ct);
        try
        {
            using var host = BuildHost(new() { ["Hosting:AsnDatabasePath"] = path });

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

            Assert.Contains("Hosting:AsnDatabasePath: not a MaxMind DB (.mmdb) file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_CorruptDatabaseFile_ThrowsNamingSetting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clearline-corrupt-{Guid.NewGuid():N}.mmdb");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 100).Select(i => (byte)(i * 37))]);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => Tracers.Create(country: GeoIpTestData.Country, asn: path));

            Assert.StartsWith("Hosting:AsnDatabasePath: not a MaxMind DB (.mmdb) file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bind_CdnAsns_AddedToDefaults()
    {
        using var host = BuildHost(new() { ["Hosting:CdnAsns:0"] = "64500" });

        var options = host.Services.GetRequiredService<IOptions<HostingOptions>>().Value;

        Assert.Contains(64500L, options.CdnAsns);
        Assert.Contains(13335L, options.CdnAsns);
    }

    [Fact]
    public async Task Start_InvalidCdnAsn_FailsNamingSetting()
    {
        using var host = BuildHost(new() { ["Hosting:CdnAsns:0"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Hosting:CdnAsns:", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHostingTrace();
        return builder.Build();
    }
}
