using System.Net;
using Clearline.Hosting;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Clearline.Tests.Hosting;

public sealed class HostingTracerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:192.168.1.1")]
    public async Task TraceAsync_SpecialPurposeAddress_LooksNothingUp(string ip)
    {
        var resolver = new RecordingReverseDnsResolver();
        using var tracer = Tracers.Create(country: GeoIpTestData.Country, asn: GeoIpTestData.Asn, resolver: resolver);

        var trace = await tracer.TraceAsync(IPAddress.Parse(ip), Ct);

        Assert.Equal(new HostingTrace(IPAddress.Parse(ip), true, null, null, null, null, false, null), trace);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task TraceAsync_PublicAddress_AsksResolverOnceAndCaches()
    {
        var address = IPAddress.Parse("81.2.69.160");
        var resolver = new RecordingReverseDnsResolver(new Dictionary<IPAddress, string> { [address] = "www.example.net" });
        using var tracer = Tracers.Create(resolver: resolver);

        var first = await tracer.TraceAsync(address, Ct);
        var second = await tracer.TraceAsync(IPAddress.Parse("::ffff:81.2.69.160"), Ct);

        Assert.Equal("www.example.net", first.ReverseDns);
        Assert.Equal("www.example.net", second.ReverseDns);
        Assert.Equal([address], resolver.Calls);
    }

    [Fact]
    public async Task TraceAsync_NoReverseName_ReverseDnsNull()
    {
        using var tracer = Tracers.Create(resolver: new RecordingReverseDnsResolver());

        Assert.Null((await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct)).ReverseDns);
    }

    [Fact]
    public async Task TraceAsync_ResolverNeverAnswers_GivesUpAfterTimeout()
    {
        var resolver = new RecordingReverseDnsResolver(hang: true);
        using var tracer = Tracers.Create(country: GeoIpTestData.Country, resolver: resolver,
            configure: o => o.ReverseDnsTimeout = TimeSpan.FromMilliseconds(50));

        var trace = await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Null(trace.ReverseDns);
        Assert.Equal("GB", trace.CountryCode);
    }

    [Fact]
    public async Task TraceAsync_ReverseDnsOff_ResolverNotAsked()
    {
        var resolver = new RecordingReverseDnsResolver();
        using var tracer = Tracers.Create(resolver: resolver, configure: o => o.ReverseDns = false);

        await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct);

        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task TraceAsync_NoDatabases_FieldsUnknownAndOneWarning()
    {
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var tracer = Tracers.Create(logger: factory.CreateLogger<HostingTracer>());

        var trace = await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct);
        await tracer.TraceAsync(IPAddress.Parse("1.0.0.1"), Ct);

        Assert.False(tracer.HasCountryDatabase);
        Assert.False(tracer.HasAsnDatabase);
        Assert.Equal(new HostingTrace(IPAddress.Parse("81.2.69.160"), false, null, null, null, null, false, null), trace);
        var warning = Assert.Single(logs.Entries, l => l.Level >= LogLevel.Warning);
        Assert.Contains("hosting country unknown: no database configured", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceAsync_Cancelled_Throws()
    {
        using var tracer = Tracers.Create(resolver: new RecordingReverseDnsResolver(hang: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), new CancellationToken(canceled: true)));
    }
}
