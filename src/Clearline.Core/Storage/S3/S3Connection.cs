using Amazon.Runtime;
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
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
