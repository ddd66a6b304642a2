using Clearline.Database;
using Clearline.Storage;
using Clearline.Storage.S3;
using Clearline.Tests.Cli;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Storage;

/// <summary><c>clearline storage copy --to s3</c>: copies the file-system store, resumes, verifies, and names a failure.</summary>
public sealed class S3StoreCopyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copy_ThenSwitchBackend_EveryBlobReadable_AndASecondRunSkipsAll()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, bucket.Settings(backend: null));
        var contents = new[] { BenignBytes.Create(10), BenignBytes.Create(200_000, seed: 2), BenignBytes.Create(70_000, seed: 3) };
        var stored = new List<StoredBlob>();
        foreach (var content in contents)
        {
            stored.Add(await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct)));
        }

        // What is not an object is left alone: a stray file and a crashed write's temporary file.
        var media = Path.Combine(database.DataPath, "media");
        await File.WriteAllTextAsync(Path.Combine(media, "README"), "not an object", Ct);
        await File.WriteAllBytesAsync(Path.Combine(media, ".tmp", "crashed.part"), BenignBytes.Create(100), Ct);

        var first = await CopyAsync(database);
        var second = await CopyAsync(database);

        Assert.Equal(new StoreCopyResult(3, 0, 0, null), first);
        Assert.Equal(new StoreCopyResult(0, 3, 0, null), second);
        Assert.Equal(3, (await bucket.KeysAsync()).Count);
        await using var s3 = database.CreateServices(bucket.Settings());
        for (var i = 0; i < contents.Length; i++)
        {
            await using var scope = s3.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Clearline.Tenancy.TenantContext>().ActAsSystem();
            var ok = Assert.IsType<BlobReadResult.Ok>(await scope.ServiceProvider.GetRequiredService<MediaStore>().OpenReadAsync(stored[i].Sha256, Ct));
            await using var stream = ok.Content;
            Assert.Equal(contents[i], await BenignBytes.ReadAllAsync(stream));
        }
    }

    [Fact]
    public async Task Copy_ObjectInTheBucketDiffers_IsCopiedAgain_TheOthersSkipped()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, bucket.Settings(backend: null));
        var a = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(BenignBytes.Create(5000)), Ct));
        await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(BenignBytes.Create(5000, seed: 4)), Ct));
        await CopyAsync(database);

        // An object written by the S3 backend itself carries no recorded hash, and a half-copied one differs.
        var key = $"{a.Sha256[..2]}/{a.Sha256[2..4]}/{a.Sha256}";
        await bucket.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket.Name, Key = key, InputStream = new MemoryStream(BenignBytes.Create(5045)), UseChunkEncoding = false }, Ct);

        Assert.Equal(new StoreCopyResult(1, 1, 0, null), await CopyAsync(database));
    }

    [Fact]
    public async Task CopyCommand_PrintsCounts_AndAMissingBucketExitsNonZeroNamingTheFirstFailure()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(BenignBytes.Create(1000)), Ct));
        var environment = new Dictionary<string, string>
        {
            ["CLEARLINE__Storage__S3__ServiceUrl"] = bucket.Endpoint,
            ["CLEARLINE__Storage__S3__Bucket"] = bucket.Name,
            ["CLEARLINE__Storage__S3__AccessKey"] = "S3RVER",
            ["CLEARLINE__Storage__S3__SecretKey"] = "S3RVER",
            ["CLEARLINE__Storage__S3__ForcePathStyle"] = "true",
        };

        var copied = await ClearlineProcess.RunAsync(environment, "storage", "copy", "--to", "s3", "--data", database.DataPath);
        environment["CLEARLINE__Storage__S3__Bucket"] = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..12];
        var failed = await ClearlineProcess.RunAsync(environment, "storage", "copy", "--to", "s3", "--data", database.DataPath);
        environment.Remove("CLEARLINE__Storage__S3__Bucket");
        var unconfigured = await ClearlineProcess.RunAsync(environment, "storage", "copy", "--to", "s3", "--data", database.DataPath);

        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.Equal("1 copied, 0 already there, 0 failed", Assert.Single(copied.OutputLines));
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("0 copied, 0 already there, 1 failed", failed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("the first: ", failed.StandardError, StringComparison.Ordinal);
        Assert.True(unconfigured.ExitCode == 3, unconfigured.ToString());
        Assert.Contains("Storage:S3:Bucket", unconfigured.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("S3RVER", failed.StandardError + unconfigured.StandardError, StringComparison.Ordinal);
    }

    private static async Task<StoreCopyResult> CopyAsync(TestDatabase database) =>
        await database.InScopeAsync(sp => sp.GetRequiredService<S3StoreCopy>().CopyAsync(null, Ct));
}
