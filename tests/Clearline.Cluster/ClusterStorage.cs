using System.Xml.Linq;

namespace Clearline.Cluster;

/// <summary>
/// Where every node keeps the ciphertext: a fresh bucket on the S3 server of <c>CLEARLINE_TEST_S3</c> (the default,
/// as <c>.ci/run</c> runs it), or with <c>CLEARLINE_CLUSTER_STORAGE=FileSystem</c> one media folder shared by all
/// nodes (what an NFS mount would be).
/// </summary>
internal sealed class ClusterStorage
{
    public const string Variable = "CLEARLINE_CLUSTER_STORAGE";
    public const string S3Variable = "CLEARLINE_TEST_S3";

    private readonly string? _mediaPath;
    private readonly Uri? _endpoint;
    private readonly string? _bucket;

    private ClusterStorage(string? mediaPath, Uri? endpoint, string? bucket)
    {
        _mediaPath = mediaPath;
        _endpoint = endpoint;
        _bucket = bucket;
    }

    public static bool UsesS3 => !string.Equals(Environment.GetEnvironmentVariable(Variable), "FileSystem", StringComparison.OrdinalIgnoreCase);

    public string Description => _bucket is null ? $"one shared media folder {_mediaPath}" : $"the S3 bucket {_bucket} on {_endpoint}";

    public static async Task<ClusterStorage> CreateAsync(string root, CancellationToken ct)
    {
        if (!UsesS3)
        {
            return new ClusterStorage(Path.Combine(root, "media"), null, null);
        }

        var endpoint = new Uri(Environment.GetEnvironmentVariable(S3Variable) ?? throw new InvalidOperationException($"the cluster's bucket needs {S3Variable} (.ci/s3.sh start prints it), or {Variable}=FileSystem"));
        var bucket = "clearline-cluster-" + Guid.NewGuid().ToString("N")[..12];
        // s3rver takes unsigned requests: the test needs no S3 client of its own to make and list the bucket.
        using var http = new HttpClient { BaseAddress = endpoint };
        using var created = await http.PutAsync(new Uri($"/{bucket}", UriKind.Relative), null, ct);
        created.EnsureSuccessStatusCode();
        return new ClusterStorage(null, endpoint, bucket);
    }

    /// <summary>The settings every node gets, so all of them read and write the same objects.</summary>
    public void AddSettings(IDictionary<string, string> environment)
    {
        if (_bucket is null)
        {
            environment["CLEARLINE__Storage__MediaPath"] = _mediaPath!;
            return;
        }

        environment["CLEARLINE__Storage__Backend"] = "S3";
        environment["CLEARLINE__Storage__S3__ServiceUrl"] = _endpoint!.AbsoluteUri.TrimEnd('/');
        environment["CLEARLINE__Storage__S3__Bucket"] = _bucket;
        environment["CLEARLINE__Storage__S3__AccessKey"] = "S3RVER";
        environment["CLEARLINE__Storage__S3__SecretKey"] = "S3RVER";
        environment["CLEARLINE__Storage__S3__ForcePathStyle"] = "true";
    }

    /// <summary>
    /// The addresses of every published object, one entry per object (so an address listed twice is a duplicate).
    /// Objects still being written (temporary names) are left out and counted in <paramref name="temporary"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ObjectsAsync(Action<int> temporary, CancellationToken ct)
    {
        var names = _bucket is null ? FolderNames() : await BucketKeysAsync(ct);
        var published = names.Where(IsAddress).ToList();
        temporary(names.Count - published.Count);
        return published;
    }

    private List<string> FolderNames() => Directory.Exists(_mediaPath)
        ? [.. Directory.EnumerateFiles(_mediaPath, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f))]
        : [];

    /// <remarks>ListObjects version 1, paged by marker: s3rver 3.7 answers 500 to a truncated version-2 listing.</remarks>
    private async Task<List<string>> BucketKeysAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = _endpoint };
        var names = new List<string>();
        string? marker = null;
        bool truncated;
        do
        {
            var query = marker is null ? "" : "?marker=" + Uri.EscapeDataString(marker);
            var page = XDocument.Parse(await http.GetStringAsync(new Uri($"/{_bucket}{query}", UriKind.Relative), ct));
            // By local name: s3rver and AWS disagree on the namespace.
            var keys = page.Descendants().Where(e => e.Name.LocalName == "Key").Select(k => k.Value).ToList();
            names.AddRange(keys.Select(k => k.Split('/')[^1]));
            truncated = page.Descendants().Any(e => e.Name.LocalName == "IsTruncated" && e.Value == "true") && keys.Count > 0;
            marker = keys.LastOrDefault();
        }
        while (truncated);
        return names;
    }

    private static bool IsAddress(string name) => name.Length == 64 && name.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
}
