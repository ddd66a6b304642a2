using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace Clearline.Storage.S3;

/// <summary>Builds the S3 client for a set of <see cref="S3StorageOptions"/>.</summary>
internal static class S3Connection
{
    public static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: S3-compatible servers (s3rver, older MinIO) reject the
            // trailing-checksum encoding the SDK would otherwise use. Integrity is the blob format's own AES-GCM
            // per chunk and the SHA-256 of the plaintext, checked on every read.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new Client(config)
            : new Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>The SDK's client with <see cref="CopySourceWithSlashes"/> before signing.</summary>
    private sealed class Client : AmazonS3Client
    {
        public Client(AmazonS3Config config)
            : base(config)
        {
        }

        public Client(AWSCredentials credentials, AmazonS3Config config)
            : base(credentials, config)
        {
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            pipeline.AddHandlerBefore<Signer>(new CopySourceWithSlashes());
        }
    }

    /// <summary>
    /// Sends a copy's source as <c>bucket/key</c> with its slashes, the form S3's documentation shows, instead of
    /// the SDK's <c>bucket%2Fkey</c>: S3 takes both, but some S3-compatible servers (s3rver) split the header on
    /// slashes before decoding it. Keys here hold only hex digits, dots, dashes, underscores and slashes.
    /// </summary>
    private sealed class CopySourceWithSlashes : PipelineHandler
    {
        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var headers = executionContext.RequestContext.Request.Headers;
            if (headers.TryGetValue("x-amz-copy-source", out var source))
            {
                headers["x-amz-copy-source"] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            }

            return base.InvokeAsync<T>(executionContext);
        }
    }
}
