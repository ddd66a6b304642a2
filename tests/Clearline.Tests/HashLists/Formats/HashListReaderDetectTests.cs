using System.Text;
using Clearline.HashLists.Formats;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>Format recognition from a file's first bytes, then its name.</summary>
public sealed class HashListReaderDetectTests
{
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    [Theory]
    [InlineData("{\"@odata.context\":\"…#Media\"", null, HashListFormat.VicsJson)]
    [InlineData("\uFEFF  \n{ \"odata.metadata\"", "list.txt", HashListFormat.VicsJson)]
    [InlineData("MD5,SHA1,Category\n", null, HashListFormat.Csv)]
    [InlineData("\uFEFFMD5;SHA1;PhotoDNA\r\n", null, HashListFormat.Csv)]
    [InlineData("md5\tcategory\n", "list.csv", HashListFormat.Tsv)]
    [InlineData("hash,quality\n", null, HashListFormat.PdqList)]
    [InlineData(Pdq + ",100,a.jpg\n", null, HashListFormat.PdqList)]
    [InlineData("pdq " + Pdq + "\n", null, HashListFormat.PdqList)]
    [InlineData(Pdq, null, HashListFormat.PdqList)]
    [InlineData("MD5 Hash\n", null, HashListFormat.Csv)]
    [InlineData("hashes\n", "list.csv", HashListFormat.Csv)]
    [InlineData("hashes\n", "list.TSV", HashListFormat.Tsv)]
    [InlineData("", "hashes.json", HashListFormat.VicsJson)]
    [InlineData("", "hashes.pdq", HashListFormat.PdqList)]
    [InlineData("hashes\n", "list.txt", null)]
    [InlineData("", null, null)]
    public void Detect_FromContentThenName(string head, string? fileName, HashListFormat? expected)
    {
        Assert.Equal(expected, HashListReader.Detect(Encoding.UTF8.GetBytes(head), fileName));
    }
}
