using System.Text.Json;
using Clearline.Media.Hashing;

namespace Clearline.Media.Tests;

public sealed class HashReportTests
{
    [Fact]
    public void ToTsv_DecodedImage_ColumnsInDocumentedOrder()
    {
        var path = TestData.PdqFile("images/misc/wee.jpg");
        var item = new FileHashResult(path, new MediaHasher().HashFile(path));

        var cells = HashReport.ToTsv(item, dihedral: false).Split('\t');

        Assert.Equal("path\tsha256\tmd5\tsha1\tpdq\tquality\twidth\theight\tformat\terror", HashReport.TsvHeader(false));
        Assert.Equal(
            [path, item.Result.Hashes.Sha256, item.Result.Hashes.Md5, item.Result.Hashes.Sha1,
             "6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d", "100", "34", "42", "jpeg", ""],
            cells);
    }

    [Fact]
    public void ToJson_Undecodable_NullsAndErrorCode()
    {
        var bytes = "hello"u8.ToArray();
        var item = new FileHashResult("a\tb.txt", new MediaHasher().Hash(bytes));

        using var json = JsonDocument.Parse(HashReport.ToJson(item, dihedral: true));

        var root = json.RootElement;
        Assert.Equal("a\tb.txt", root.GetProperty("path").GetString());
        Assert.Equal(CryptographicHasher.Compute(bytes).Sha256, root.GetProperty("sha256").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pdq").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("flipminus1").ValueKind);
        Assert.Equal("unsupported", root.GetProperty("error").GetString());
        Assert.Equal(HashReport.Columns(true), root.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ToTsv_PathWithTab_Escaped()
    {
        var item = new FileHashResult("a\tb\\c", new MediaHasher().Hash("x"u8));

        Assert.StartsWith("a\\tb\\\\c\t", HashReport.ToTsv(item, false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashFilesAsync_ManyFiles_ResultsInInputOrder()
    {
        var files = Directory.EnumerateFiles(TestData.Pdq, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var results = new List<FileHashResult>();
        await foreach (var item in new MediaHasher().HashFilesAsync(files, maxParallelism: 3, TestContext.Current.CancellationToken))
        {
            results.Add(item);
        }

        Assert.Equal(files, results.Select(r => r.Path));
        Assert.All(results.Where(r => r.Path.EndsWith(".jpg", StringComparison.Ordinal)), r => Assert.NotNull(r.Result.Pdq));
    }
}
