using Amazon.S3;
using Amazon.S3.Model;
using Clearline.Storage.S3;

namespace Clearline.Tests.Storage;

/// <summary>
/// A fresh bucket on the S3-compatible server of <c>CLEARLINE_TEST_S3</c> (s3rver, which <c>.ci/run</c> starts),
/// emptied and removed on dispose. Without the variable a test is skipped (failed under CI).
/// </summary>
public sealed class S3TestBucket : IAsyncDisposable
{
    public const string Variable = "CLEARLINE_TEST_S3";

    private S3TestBucket(string endpoint, string name)
    {
        Endpoint = endpoint;
        Name = name;
        Client = Clearline.Storage.S3.S3Connection.CreateClient(Options());
    }

    public string Endpoint { get; }

    public string Name { get; }

    public AmazonS3Client Client { get; }

    public static async Task<S3TestBucket> CreateAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(Variable);
        ExternalRequirement.Require(endpoint is { Length: > 0 }, $"{Variable} is not set (.ci/s3.sh start prints it)");
        var bucket = new S3TestBucket(endpoint!, "clearline-test-" + Guid.NewGuid().ToString("N")[..20]);
        await bucket.Client.PutBucketAsync(bucket.Name, TestContext.Current.CancellationToken);
        return bucket;
    }

    /// <summary>The bucket's settings; <paramref name="serviceUrl"/> replaces the endpoint (a proxy in front of it).</summary>
    public S3StorageOptions Options(string? serviceUrl = null) => new()
    {
        ServiceUrl = serviceUrl ?? Endpoint,
        Bucket = Name,
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
        ForcePathStyle = true,
    };

    /// <summary>The same settings as configuration keys, with <c>Storage:Backend</c> when <paramref name="backend"/> is given.</summary>
    public Dictionary<string, string?> Settings(string? backend = "S3") => new()
    {
        ["Storage:Backend"] = backend,
        ["Storage:S3:ServiceUrl"] = Endpoint,
        ["Storage:S3:Bucket"] = Name,
        ["Storage:S3:AccessKey"] = "S3RVER",
        ["Storage:S3:SecretKey"] = "S3RVER",
        ["Storage:S3:ForcePathStyle"] = "true",
    };

    /// <summary>Every key in the bucket, temporary objects included.</summary>
    public async Task<List<string>> KeysAsync()
    {
        var response = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name }, TestContext.Current.CancellationToken);
        return [.. (response.S3Objects ?? []).Select(o => o.Key)];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var key in await KeysAsync())
            {
                await Client.DeleteObjectAsync(Name, key);
            }

            await Client.DeleteBucketAsync(Name);
        }
        catch (AmazonS3Exception)
        {
            // The server's data folder is removed when it stops; never fail a test over cleanup.
        }

        Client.Dispose();
    }
}
