using System.Net;
using Clearline.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Hosting;

/// <summary><c>Hosting:Networks</c>: an operator's declaration of where a network is hosted wins over the databases.</summary>
public sealed class DeclaredNetworkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TraceAsync_LoopbackDeclared_CountryFromDeclarationAndNoReverseDns()
    {
        var resolver = new RecordingReverseDnsResolver();
        using var tracer = Tracers.Create(resolver: resolver, configure: o => o.Networks.Add(new DeclaredNetwork { Network = "127.0.0.0/8", Country = "DE", Organisation = "Demo lab" }));

        var trace = await tracer.TraceAsync(IPAddress.Parse("127.0.0.1"), Ct);

        Assert.False(trace.SpecialPurpose);
        Assert.Equal("DE", trace.CountryCode);
        Assert.Equal("Demo lab", trace.NetworkOrganisation);
        Assert.Null(trace.ReverseDns);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task TraceAsync_PublicAddressDeclared_OverridesDatabaseAndFirstMatchWins()
    {
        using var tracer = Tracers.Create(country: GeoIpTestData.Country, configure: o =>
        {
            o.Networks.Add(new DeclaredNetwork { Network = "81.2.69.160/32", Country = "FR" });
            o.Networks.Add(new DeclaredNetwork { Network = "81.2.69.0/24", Country = "BE" });
        });

        Assert.Equal("FR", (await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct)).CountryCode);
        Assert.Equal("BE", (await tracer.TraceAsync(IPAddress.Parse("::ffff:81.2.69.161"), Ct)).CountryCode);
    }

    [Fact]
    public async Task TraceAsync_NetworkAndAddressInsideItDeclared_MostSpecificWinsWhateverTheOrder()
    {
        using var tracer = Tracers.Create(configure: o =>
        {
            o.Networks.Add(new DeclaredNetwork { Network = "127.0.0.0/8", Country = "DE" });
            o.Networks.Add(new DeclaredNetwork { Network = "127.0.0.2/32", Country = "NL" });
            o.Networks.Add(new DeclaredNetwork { Network = "127.0.0.0/16", Country = "FR" });
            o.Networks.Add(new DeclaredNetwork { Network = "127.0.0.0/16", Country = "BE" });
        });

        Assert.Equal("NL", (await tracer.TraceAsync(IPAddress.Parse("127.0.0.2"), Ct)).CountryCode);
        Assert.Equal("NL", (await tracer.TraceAsync(IPAddress.Parse("::ffff:127.0.0.2"), Ct)).CountryCode);
        Assert.Equal("FR", (await tracer.TraceAsync(IPAddress.Parse("127.0.0.1"), Ct)).CountryCode);
        Assert.Equal("DE", (await tracer.TraceAsync(IPAddress.Parse("127.1.0.1"), Ct)).CountryCode);
    }

    [Fact]
    public async Task TraceAsync_AddressOutsideDeclaredNetworks_StillSpecialPurpose()
    {
        using var tracer = Tracers.Create(configure: o => o.Networks.Add(new DeclaredNetwork { Network = "127.0.0.0/8", Country = "DE" }));

        var trace = await tracer.TraceAsync(IPAddress.Parse("10.0.0.1"), Ct);

        Assert.True(trace.SpecialPurpose);
        Assert.Null(trace.CountryCode);
    }

    [Theory]
    [InlineData("127.0.0.0/33", "DE", "Hosting:Networks:0:Network")]
    [InlineData("not a network", "DE", "Hosting:Networks:0:Network")]
    [InlineData("127.0.0.0/8", "de", "Hosting:Networks:0:Country")]
    [InlineData("127.0.0.0/8", "DEU", "Hosting:Networks:0:Country")]
    public async Task Start_BadDeclaration_FailsNamingSetting(string network, string country, string setting)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hosting:Networks:0:Network"] = network, ["Hosting:Networks:0:Country"] = country });
        builder.Services.AddHostingTrace();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
