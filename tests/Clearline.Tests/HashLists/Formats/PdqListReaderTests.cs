using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>PDQ lists in the forms Meta's tools write.</summary>
public sealed class PdqListReaderTests
{
    // Public example hashes of benign bridge photos (INTEROP.md §3.2).
    private const string Bridge = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string BridgeNear = "f8f8f0cee0f4a84f06370a2a038f63f0b36e26d596621e1d33e6b39c4e9c9b22";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AllForms_CommentsBlankLinesAndHeaderSkipped(bool bom)
    {
        var list = $"""
            hash,quality,filename
            # a comment
            {Bridge},100,bridge-mods/aaa-orig.jpg

            {BridgeNear.ToUpperInvariant()},49,name, with comma
            hash={Bridge},note
            pdq {BridgeNear}
            {Bridge}
            """;

        var records = await HashLists.ReadAsync(list, HashListFormat.PdqList, bom);

        Assert.Empty(records.Errors());
        Assert.Equal(
            [
                new HashListEntry(null, null, null, PdqHash.Parse(Bridge), 100, null, null, "bridge-mods/aaa-orig.jpg"),
                new HashListEntry(null, null, null, PdqHash.Parse(BridgeNear), 49, null, null, "name, with comma"),
                new HashListEntry(null, null, null, PdqHash.Parse(Bridge), null, null, null, "note"),
                new HashListEntry(null, null, null, PdqHash.Parse(BridgeNear), null, null, null, null),
                new HashListEntry(null, null, null, PdqHash.Parse(Bridge), null, null, null, null),
            ],
            records.Entries());
        Assert.Equal([3L, 5L, 6L, 7L, 8L], records.OfType<HashListRecord.Entry>().Select(e => e.Line));
    }

    [Fact]
    public async Task BadLines_ReportedByLine_TheRestRead()
    {
        var list = $"""
            {Bridge[..63]},100
            {Bridge},high
            {Bridge},-5
            ,80
            pdq
            {Bridge}g
            {BridgeNear},0
            {new string('f', 2_000_000)}
            """;

        var records = await HashLists.ReadAsync(list, HashListFormat.PdqList);

        Assert.Equal(
            [
                (1L, "PDQ is not 64 hex digits."),
                (2L, "PDQ quality is not a whole number from 0 to 100."),
                (3L, "PDQ quality is not a whole number from 0 to 100."),
                (4L, "No usable hash (MD5, SHA-1, SHA-256, PDQ, PhotoDNA or vPDQ); hashes of empty content are ignored."),
                (5L, "PDQ is not 64 hex digits."),
                (6L, "PDQ is not 64 hex digits."),
                (8L, "The line is longer than a million characters."),
            ],
            records.Errors().Select(e => (e.Line, e.Message)));
        var entry = Assert.Single(records.OfType<HashListRecord.Entry>());
        Assert.Equal((7L, 0), (entry.Line, entry.Value.PdqQuality));
    }
}
