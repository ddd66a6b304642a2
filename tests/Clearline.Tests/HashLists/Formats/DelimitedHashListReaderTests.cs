using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>CSV and TSV hash lists: header-driven columns, RFC 4180 quoting, malformed rows reported by line.</summary>
public sealed class DelimitedHashListReaderTests
{
    private const string Sha1 = "a691ed7db3ce23fa8c95f062a13cce6a1893f7cc";
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    private static readonly string Md5A = HashLists.Md5("a");
    private static readonly string Md5B = HashLists.Md5("b");
    private static readonly string Md5C = HashLists.Md5("c");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReorderedAndMissingColumns_ReadByHeaderName(bool bom)
    {
        var csv = $"""
            Category,Notes,PDQ Hash,md5_hash,Quality
            1,first,{Pdq.ToUpperInvariant()},{Md5A.ToUpperInvariant()},90
            0,second,,{Md5B},
            ,third,{Pdq},,49
            """;

        var records = await HashLists.ReadAsync(csv, HashListFormat.Csv, bom);

        Assert.Empty(records.Errors());
        Assert.Equal(
            [
                new HashListEntry(Md5A, null, null, PdqHash.Parse(Pdq), 90, null, "1", null),
                new HashListEntry(Md5B, null, null, null, null, null, "0", null),
                new HashListEntry(null, null, null, PdqHash.Parse(Pdq), 49, null, null, null),
            ],
            records.Entries());
        Assert.Equal([2L, 3L, 4L], records.OfType<HashListRecord.Entry>().Select(e => e.Line));
    }

    [Fact]
    public async Task QuotedFields_HoldDelimitersQuotesAndLineBreaks()
    {
        var csv = $"ID,MD5,Category\r\n\"x,1\",\"{Md5A}\",\"say \"\"A\"\"\"\r\n\"line\nbreak\",{Md5B},\"\"\n\n3,{Md5C},2,\n4,{Md5C},2\n";

        var records = await HashLists.ReadAsync(csv, HashListFormat.Csv);

        Assert.Equal(
            [
                new HashListEntry(Md5A, null, null, null, null, null, "say \"A\"", "x,1"),
                new HashListEntry(Md5B, null, null, null, null, null, null, "line\nbreak"),
                new HashListEntry(Md5C, null, null, null, null, null, "2", "4"),
            ],
            records.Entries());
        Assert.Equal([2L, 3L, 7L], records.OfType<HashListRecord.Entry>().Select(e => e.Line));
        Assert.Equal((6L, "4 fields where the header has 3."), records.Errors().Select(e => (e.Line, e.Message)).Single());
    }

    [Fact]
    public async Task MalformedRows_ReportedWithLineNumbers_TheRestRead()
    {
        var csv = $"""
            sha1,sha256,md5,pdq,quality,photodna
            {Sha1},,,,,
            nothex{new string('0', 34)},,,,,
            ,{new string('b', 63)},,,,
            ,,{Md5A}x,,,
            ,,,{Pdq},101,
            ,,,{Pdq},-1,
            ,,,,,AAAA
            ,,,,,
            only,two
            "unclosed,"x",,,,,
            ,,{Md5B},,,
            """;

        var records = await HashLists.ReadAsync(csv, HashListFormat.Csv);

        Assert.Equal(
            [
                (3L, "SHA-1 is not 40 hex digits."),
                (4L, "SHA-256 is not 64 hex digits."),
                (5L, "MD5 is not 32 hex digits."),
                (6L, "PDQ quality is not a whole number from 0 to 100."),
                (7L, "PDQ quality is not a whole number from 0 to 100."),
                (8L, "PhotoDNA is neither base64 nor hex of 144 bytes."),
                (9L, "No usable hash (MD5, SHA-1, SHA-256, PDQ, PhotoDNA or vPDQ); hashes of empty content are ignored."),
                (10L, "2 fields where the header has 6."),
                (11L, "Text after the closing quote of field 1."),
            ],
            records.Errors().Select(e => (e.Line, e.Message)));
        Assert.Equal([Sha1, null], records.Entries().Select(e => e.Sha1));
        Assert.Equal(12L, records.OfType<HashListRecord.Entry>().Last().Line);
    }

    [Fact]
    public async Task OverlongLine_ReportedAndSkipped_WithoutBufferingIt()
    {
        var csv = $"md5,id\n{new string('x', 1_100_000)}\n{Md5A},1\n";

        var records = await HashLists.ReadAsync(csv, HashListFormat.Csv);

        Assert.Equal((2L, "The line is longer than a million characters."), records.Errors().Select(e => (e.Line, e.Message)).Single());
        Assert.Equal((3L, Md5A), records.OfType<HashListRecord.Entry>().Select(e => (e.Line, e.Value.Md5)).Single());
    }

    [Fact]
    public async Task MixedLineBreaks_SplitByteByByte_SameLines()
    {
        var csv = $"md5,id\r\n{Md5A},1\r{Md5B},2\n\r\n{Md5C},\"3\r\n3\"\r\n";

        var records = await HashLists.ReadAsync(HashLists.Encode(csv, bom: true), HashListFormat.Csv, chunk: 1);

        Assert.Empty(records.Errors());
        Assert.Equal([(2L, "1"), (3L, "2"), (5L, "3\n3")], records.OfType<HashListRecord.Entry>().Select(e => (e.Line, e.Value.SourceId)));
    }

    [Fact]
    public async Task UnclosedQuote_OneErrorAtTheLineItOpens()
    {
        var records = await HashLists.ReadAsync($"md5,id\n{Md5A},1\n{Md5B},\"never closed\n{Md5C},3\n", HashListFormat.Csv);

        Assert.Equal([Md5A], records.Entries().Select(e => e.Md5));
        Assert.Equal(
            (3L, "The file ends inside line 3, so it looks truncated: A quoted field is never closed (lines up to the end of the file or a million characters are part of it).", true),
            records.Errors().Select(e => (e.Line, e.Message, e.EndsReading)).Single());
    }

    [Fact]
    public async Task Tsv_WithPhotoDnaAndClassification()
    {
        var photoDna = Convert.ToBase64String(new byte[144]);
        var tsv = $"MD5Hash\tPhotoDNA\tClassification\tImage ID\n{Md5A}\t{photoDna}\tA1\timg-1\n";

        var records = await HashLists.ReadAsync(tsv, HashListFormat.Tsv, bom: true);

        Assert.Equal(new HashListEntry(Md5A, null, null, null, null, photoDna, "A1", "img-1"), Assert.Single(records.Entries()));
    }

    [Fact]
    public async Task SemicolonHeader_IcseStyle_IsSplitOnSemicolons()
    {
        var csv = $"MD5;SHA1;PhotoDNA;Image ID;Baseline\n{Md5A.ToUpperInvariant()};;;42;1\n";

        var records = await HashLists.ReadAsync(csv, HashListFormat.Csv);

        Assert.Equal(new HashListEntry(Md5A, null, null, null, null, null, null, "42"), Assert.Single(records.Entries()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("name,size\nx,1\n")]
    public async Task NoHashColumn_OneError(string csv)
    {
        var records = await HashLists.ReadAsync(csv, HashListFormat.Csv);

        Assert.IsType<HashListRecord.Error>(Assert.Single(records));
    }
}
