using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Clearline.Storage.S3;

/// <summary>
/// The bucket of the S3 media backend (<c>Storage:S3:*</c>), used when <c>Storage:Backend</c> is <c>S3</c> and as
/// the target of <c>clearline storage copy --to s3</c>.
/// </summary>
/// <remarks>
/// The secret key is never echoed: validation names the setting only, and <see cref="ToString"/> leaves it out,
/// so a failed start cannot leak it into logs. Without an access key the SDK's default credential chain applies
/// (environment, instance or task role), which is how a cloud deployment should run.
/// </remarks>
public sealed partial class S3StorageOptions
{
    /// <summary>Endpoint of an S3-compatible server (<c>http://127.0.0.1:9000</c>); empty for AWS itself, by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Addresses the bucket in the path (<c>host/bucket/key</c>) instead of the host name: needed by MinIO and s3rver.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Optional prefix of every key, so several instances or other data can share a bucket (<c>clearline/</c>).</summary>
    public string? Prefix { get; set; }

    /// <summary>The prefix as keys use it: empty, or ending in one slash.</summary>
    internal string KeyPrefix => string.IsNullOrEmpty(Prefix) ? "" : Prefix.TrimEnd('/') + "/";

    public override string ToString() => $"bucket {Bucket} at {(string.IsNullOrEmpty(ServiceUrl) ? "AWS " + Region : "an S3-compatible endpoint")}";

    /// <summary>The failures of these settings, each named <c>S3:Setting</c> as <see cref="StorageOptions"/> reports them.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            yield return Fail("must not be empty when Storage:Backend is S3", nameof(Bucket));
        }
        else if (!BucketName().IsMatch(Bucket))
        {
            yield return Fail("must be 3 to 63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit", nameof(Bucket));
        }

        if (!string.IsNullOrEmpty(ServiceUrl))
        {
            if (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return Fail("must be an absolute http or https URL, such as http://127.0.0.1:9000", nameof(ServiceUrl));
            }
            else if (url.UserInfo.Length > 0)
            {
                yield return Fail("must not carry credentials; set AccessKey and SecretKey instead", nameof(ServiceUrl));
            }
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            yield return Fail("must not be empty (us-east-1 unless the server says otherwise)", nameof(Region));
        }

        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            yield return string.IsNullOrEmpty(AccessKey)
                ? Fail("must be set when SecretKey is (or leave both empty to use the default credential chain)", nameof(AccessKey))
                : Fail("must be set when AccessKey is (or leave both empty to use the default credential chain)", nameof(SecretKey));
        }

        if (!string.IsNullOrEmpty(Prefix) && !KeyPrefixPattern().IsMatch(Prefix))
        {
            yield return Fail("must be letters, digits and - _ . / only, not starting with a slash nor containing ..", nameof(Prefix));
        }
    }

    private static ValidationResult Fail(string message, string member) => new(message, ["S3:" + member]);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^(?!/)(?!.*\.\.)[A-Za-z0-9_.\-/]{1,200}$")]
    private static partial Regex KeyPrefixPattern();
}
