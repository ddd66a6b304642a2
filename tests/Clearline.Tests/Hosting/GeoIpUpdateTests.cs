using System.CommandLine;
using System.Net;
using Clearline.Tests.Cli;
using Clearline.Cli;
using Clearline.Configuration;
using Clearline.Hosting;
using Clearline.Tests.Infrastructure;
using Clearline.WebHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.Hosting;

/// <summary>
/// <c>clearline geoip update</c>, run in-process through the command line against a local npm registry serving a
/// package the test builds from MaxMind's fake test databases; never the internet.
/// </summary>
public sealed class GeoIpUpdateTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _data = Directory.CreateTempSubdirectory("clearline-geoip-").FullName;
    private GeoIpUpdateRegistry _registry = null!;

    private string Folder => Path.Combine(_data, InstalledCountryDatabase.FolderName);

    private string Installed => Path.Combine(Folder, InstalledCountryDatabase.DatabaseFileName);

    public async ValueTask InitializeAsync() => _registry = await GeoIpUpdateRegistry.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Update_PublishedPackage_InstallsTheDatabaseAndRecordsWhereItCameFrom()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, _registry.MetadataRequests);
        Assert.Contains($"installed {CountryDatabaseUpdater.PackageName} {_registry.Version}", result.Output, StringComparison.Ordinal);
        Assert.Contains("nro.net", result.Output, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(GeoIpTestData.Country, Ct), await File.ReadAllBytesAsync(Installed, Ct));
        var record = InstalledCountryDatabase.Read(new DataDirectory(_data))!;
        Assert.Equal(_registry.Version, record.Version);
        Assert.Equal("package/geo-whois-asn-country.mmdb", record.Entry);
        Assert.Equal("GeoIP2-Country", record.DatabaseType);
        Assert.Equal(new DateTimeOffset(2026, 2, 4, 22, 49, 29, TimeSpan.Zero), record.BuildDate);
        Assert.Equal(_registry.TarballUrl.AbsoluteUri, record.SourceUrl);
        Assert.Equal(GeoIpUpdateRegistry.Sri(_registry.Tarball), record.Integrity);
        Assert.Equal("CC0-1.0", record.Licence);
        Assert.Contains("Number Resource Organization (nro.net), CC BY 4.0", record.Attribution, StringComparison.Ordinal);
        Assert.Equal([InstalledCountryDatabase.RecordFileName, InstalledCountryDatabase.DatabaseFileName],
            Directory.GetFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_SeveralDatabasesInThePackage_InstallsTheCombinedOne()
    {
        _registry.Tarball = GeoIpUpdateRegistry.Pack(
            ("package/geo-whois-asn-country-ipv4.mmdb", await File.ReadAllBytesAsync(GeoIpTestData.LiteCountry, Ct)),
            ("package/geo-whois-asn-country.mmdb", await File.ReadAllBytesAsync(GeoIpTestData.Country, Ct)));

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(GeoIpTestData.Country, Ct), await File.ReadAllBytesAsync(Installed, Ct));
    }

    [Fact]
    public async Task Update_IntegrityMismatch_RefusedAndThePreviousDatabaseKept()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);
        Assert.Equal(0, (await UpdateAsync()).ExitCode);
        var previousVersion = _registry.Version;
        _registry.Version = "2.3.2026120200";
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.LiteCountry);
        _registry.Integrity = GeoIpUpdateRegistry.Sri([1, 2, 3]);

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("does not match the registry's integrity", result.Error, StringComparison.Ordinal);
        AssertPreviousKept(previousVersion);
    }

    [Theory]
    [InlineData("", "gives no integrity hash")]
    [InlineData("sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "only sha512 is accepted")]
    [InlineData("sha512-notbase64!", "only sha512 is accepted")]
    public async Task Update_IntegrityMissingOrUnsupported_RefusedAndNothingInstalled(string integrity, string message)
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);
        _registry.Integrity = integrity;

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Installed));
    }

    [Fact]
    public async Task Update_RegistryUnreachable_SaysSoAndKeepsThePreviousDatabase()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);
        Assert.Equal(0, (await UpdateAsync()).ExitCode);
        var closed = $"http://127.0.0.1:{ClearlineProcess.FreePort()}/";

        var result = await UpdateAsync(closed);

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("Cannot reach the registry", result.Error, StringComparison.Ordinal);
        AssertPreviousKept(_registry.Version);
    }

    [Theory]
    [InlineData("this is not json", "is not JSON package metadata")]
    [InlineData("""{"name":"x","versions":{}}""", "has no dist-tags.latest version")]
    [InlineData("""{"dist-tags":{"latest":"9.9.9"},"versions":{}}""", "has no dist for its latest version 9.9.9")]
    [InlineData("""{"dist-tags":{"latest":"9.9.9"},"versions":{"9.9.9":{"dist":{"tarball":"file:///etc/passwd","integrity":"sha512-x"}}}}""", "has no http(s) tarball URL")]
    [InlineData("[1,2,3]", "has no dist-tags.latest version")]
    public async Task Update_MalformedMetadata_SaysWhatIsWrong(string metadata, string message)
    {
        _registry.RawMetadata = metadata;

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Installed));
    }

    [Fact]
    public async Task Update_TarballWithoutADatabase_Refused()
    {
        _registry.Tarball = GeoIpUpdateRegistry.Pack(("package/package.json", "{}"u8.ToArray()), ("package/README.md", "# readme"u8.ToArray()));

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("holds no .mmdb database file", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any());
    }

    [Fact]
    public async Task Update_AFileThatIsNotAMaxMindDatabase_Refused()
    {
        _registry.Tarball = GeoIpUpdateRegistry.Pack(("package/geo-whois-asn-country.mmdb", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]));

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("is not a MaxMind DB (.mmdb) country database", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Installed));
    }

    [Fact]
    public async Task Update_AMaxMindDatabaseWithoutCountries_Refused()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Asn);

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("without country records", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Installed));
    }

    [Theory]
    [InlineData("package/../../evil.mmdb")]
    [InlineData("/etc/geo-whois-asn-country.mmdb")]
    public async Task Update_PathTricksInTheTarball_Refused(string entry)
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country, entry);

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("unsafe path", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Installed));
    }

    [Fact]
    public async Task Update_NotATarball_Refused()
    {
        _registry.Tarball = [.. Enumerable.Range(0, 512).Select(i => (byte)i)];

        var result = await UpdateAsync();

        Assert.True(result.ExitCode == CliErrors.UserError, result.ToString());
        Assert.Contains("is not a readable gzip'd tar", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AfterAnUpdate_TracesWithTheInstalledDatabase()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);
        Assert.Equal(0, (await UpdateAsync()).ExitCode);

        await using var app = ClearlineWebApp.Build(new HostSettings(_data, "http://127.0.0.1:0"));
        var tracer = app.Services.GetRequiredService<HostingTracer>();
        var trace = await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct);

        Assert.Equal("installed", tracer.CountryDatabaseSource);
        Assert.Equal("GB", trace.CountryCode);
        Assert.Equal("GeoIP2-Country", tracer.CountryDatabase?.DatabaseType);
    }

    [Fact]
    public async Task StartLog_Installed_NamesTheVersionAndWarnsWhenOld()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);
        Assert.Equal(0, (await UpdateAsync()).ExitCode);
        var built = new DateTimeOffset(2026, 2, 4, 22, 49, 29, TimeSpan.Zero);

        var fresh = StartLogs(new HostingOptions(), built.AddDays(10));
        var old = StartLogs(new HostingOptions(), built.AddDays(61));

        var line = Assert.Single(fresh, l => l.Message.StartsWith("Hosting country database:", StringComparison.Ordinal));
        Assert.Contains($"ip-location-db {_registry.Version} installed by `clearline geoip update`", line.Message, StringComparison.Ordinal);
        Assert.Contains("built 2026-02-04, 10 days old", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh, l => l.Level >= LogLevel.Warning);
        var warning = Assert.Single(old, l => l.Level >= LogLevel.Warning);
        Assert.Contains("61 days old", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Run `clearline geoip update`", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartLog_ConfiguredPath_WinsOverTheInstalledDatabase()
    {
        _registry.Tarball = GeoIpUpdateRegistry.PackageWith(GeoIpTestData.Country);
        Assert.Equal(0, (await UpdateAsync()).ExitCode);

        var logs = StartLogs(new HostingOptions { CountryDatabasePath = GeoIpTestData.LiteCountry }, DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), out var source);

        Assert.Equal("configured", source);
        var line = Assert.Single(logs, l => l.Message.StartsWith("Hosting country database:", StringComparison.Ordinal));
        Assert.Contains("configured in Hosting:CountryDatabasePath", line.Message, StringComparison.Ordinal);
        Assert.Contains("GeoLite2-Country", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartLog_NoDatabase_SaysEveryRouteIsOrphaned()
    {
        var logs = StartLogs(new HostingOptions(), DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), out var source);

        Assert.Equal("none", source);
        var warning = Assert.Single(logs, l => l.Level >= LogLevel.Warning);
        Assert.Contains("every route is orphaned", warning.Message, StringComparison.Ordinal);
        Assert.Contains("clearline geoip update", warning.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<CapturedLog> StartLogs(HostingOptions options, DateTimeOffset now) => StartLogs(options, now, out _);

    private IReadOnlyList<CapturedLog> StartLogs(HostingOptions options, DateTimeOffset now, out string source)
    {
        options.ReverseDns = false;
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var tracer = new HostingTracer(Options.Create(options), new RecordingReverseDnsResolver(), factory.CreateLogger<HostingTracer>(),
            new DataDirectory(_data), new FakeTimeProvider(now));
        source = tracer.CountryDatabaseSource;
        return logs.Entries;
    }

    private void AssertPreviousKept(string version)
    {
        Assert.Equal(File.ReadAllBytes(GeoIpTestData.Country), File.ReadAllBytes(Installed));
        Assert.Equal(version, InstalledCountryDatabase.Read(new DataDirectory(_data))?.Version);
        Assert.Equal(2, Directory.GetFiles(Folder).Length);
    }

    private Task<CommandResult> UpdateAsync(string? registry = null) =>
        InvokeAsync(["geoip", "update", "--data", _data, "--registry", registry ?? _registry.BaseUrl.AbsoluteUri]);

    private static async Task<CommandResult> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ClearlineCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return new CommandResult(exit, output.ToString(), error.ToString());
    }

    private sealed record CommandResult(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }
}
