using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Storage;

/// <summary><c>Storage:Backend</c> and <c>Storage:S3:*</c>: bad settings stop the start with one line naming the setting, never the secret.</summary>
public sealed class S3ConfigurationTests
{
    private const string Secret = "very-secret-key-value";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "not a url", "S3RVER", Secret, "Storage:S3:Bucket: must not be empty")]
    [InlineData("Bad_Bucket", "http://127.0.0.1:9000", "S3RVER", Secret, "Storage:S3:Bucket: must be 3 to 63")]
    [InlineData("clearline", "ftp://127.0.0.1:9000", "S3RVER", Secret, "Storage:S3:ServiceUrl: must be an absolute http or https URL")]
    [InlineData("clearline", "http://user:pw@127.0.0.1:9000", "S3RVER", Secret, "Storage:S3:ServiceUrl: must not carry credentials")]
    [InlineData("clearline", "http://127.0.0.1:9000", null, Secret, "Storage:S3:AccessKey: must be set when SecretKey is")]
    [InlineData("clearline", "http://127.0.0.1:9000", "S3RVER", null, "Storage:S3:SecretKey: must be set when AccessKey is")]
    public async Task Options_BadS3Setting_OneLineNamingIt_SecretNeverEchoed(string? bucket, string url, string? accessKey, string? secretKey, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = database.CreateServices(new Dictionary<string, string?>
        {
            ["Storage:Backend"] = "S3",
            ["Storage:S3:Bucket"] = bucket,
            ["Storage:S3:ServiceUrl"] = url,
            ["Storage:S3:AccessKey"] = accessKey,
            ["Storage:S3:SecretKey"] = secretKey,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.All(failure.Failures, f => Assert.DoesNotContain('\n', f));
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_UnknownBackend_NamesTheSetting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = database.CreateServices(new Dictionary<string, string?> { ["Storage:Backend"] = "Floppy" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:Backend", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_S3WithoutMediaPath_Valid_AndTheBackendIsS3()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = bucket.Settings();
        settings["Storage:MediaPath"] = "";
        await using var services = database.CreateServices(settings);

        Assert.Equal(StorageBackend.S3, services.GetRequiredService<IOptions<StorageOptions>>().Value.Backend);
        Assert.IsType<Clearline.Storage.S3.S3BlobBackend>(services.GetRequiredService<IBlobBackend>());
    }

    [Fact]
    public async Task HealthCheck_ReachableBucket_Healthy_AndLeavesNothing()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, bucket.Settings());
        var check = ActivatorUtilities.CreateInstance<MediaStoreHealthCheck>(database.Services);

        var result = await check.CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Empty(await bucket.KeysAsync());
    }

    [Fact]
    public async Task HealthCheck_MissingBucketOrServerDown_Unhealthy()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var missing = bucket.Settings();
        missing["Storage:S3:Bucket"] = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..12];
        var down = bucket.Settings();
        down["Storage:S3:ServiceUrl"] = $"http://127.0.0.1:{Cli.ClearlineProcess.FreePort()}";

        foreach (var settings in new[] { missing, down })
        {
            await using var services = database.CreateServices(settings);
            var check = ActivatorUtilities.CreateInstance<MediaStoreHealthCheck>(services);
            Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        }
    }
}
