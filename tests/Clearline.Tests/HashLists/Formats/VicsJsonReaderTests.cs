using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>The VICS JSON reader against every example in <c>shared/testdata/vics</c> and the quirks of real files.</summary>
public sealed class VicsJsonReaderTests
{
    private const string Context20 = "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media";

    [Theory]
    [InlineData(int.MaxValue, false)]
    [InlineData(1, false)]
    [InlineData(7, true)]
    public async Task Case20Example_AllMedia_WithHashesCategoriesAndPhotoDna(int chunk, bool bom)
    {
        var records = await HashLists.ReadAsync(await Bytes(VicsTestData.Case20, bom), HashListFormat.VicsJson, chunk);

        var model = Assert.IsType<HashListRecord.VicsModel>(records[0]);
        Assert.Equal(("2.0", "Default", true), (model.Version, model.Flavour, model.IsCaseExport));
        Assert.Empty(records.Errors());
        var entries = records.Entries();
        Assert.Equal(3, entries.Count);
        Assert.Equal(
            new HashListEntry(
                HashLists.Md5("SYNTHETIC benign test media 0001 (plain text bytes, not an image)"),
                "03bbca5c3691403643536a6db0f93fbc6b360c97",
                "8d774cd64b17efffa51032e7a69f98306021d19b16a2297255e4c409f6eb9eff",
                PdqHash.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"),
                null,
                "aHVcfEOF5cdgJk+ON4sZ4gLtHqPgjPRmpoz/CgHP5+/PmuUg1KlASXc83gkXqa/TqTE8S+Nrx3189tCBHAFAwxjnyFqq2dNGgMENpK/ZRyQ12KqRphr6Dojqjaf/TPQyIxBybhDZzITxrNEapMDlg9gx3w9GZv4Uc+QRBR1lbJL1t80mUY/Viljem3Ygr7Bl",
                "0",
                "1"),
            entries[0]);
        Assert.Equal(HashLists.Md5("SYNTHETIC benign test media 0002 (plain text bytes, not an image)"), entries[1].Md5);
        Assert.Null(entries[1].Category);
        Assert.Equal(HashLists.Md5("SYNTHETIC benign test media 0003 (plain text bytes, not a video)"), entries[2].Md5);
        Assert.Equal("0", entries[2].Category);
        Assert.Equal(["1", "2", "3"], entries.Select(e => e.SourceId));
        Assert.Equal([1L, 2L, 3L], records.OfType<HashListRecord.Entry>().Select(e => e.Line));
    }

    [Fact]
    public async Task HashSet20Example_CategoriesZeroToFourAndNull_ZeroIsAVerdict()
    {
        var records = await HashLists.ReadAsync(await File.ReadAllBytesAsync(VicsTestData.HashSet20, TestContext.Current.CancellationToken), HashListFormat.VicsJson);

        var model = Assert.IsType<HashListRecord.VicsModel>(records[0]);
        Assert.Equal(("2.0", "Default", false), (model.Version, model.Flavour, model.IsCaseExport));
        var entries = records.Entries();
        Assert.Equal(["0", "1", "2", "3", "4", null], entries.Select(e => e.Category));
        Assert.Equal(
            Enumerable.Range(1, 6).Select(i => HashLists.Md5($"SYNTHETIC benign hash-set record {i:0000}")),
            entries.Select(e => e.Md5));
        Assert.Equal("5f1ab35f04f5a916a45b0c4f8fb5f905995c76c8", entries[1].Sha1);
        Assert.Equal(192, entries[1].PhotoDna?.Length);
        Assert.Single(entries, e => e.PhotoDna is not null);
        Assert.All(entries, e => Assert.Null(e.Pdq));
    }

    [Fact]
    public async Task HashSet13Example_LooseTypesAnnotationsAndPhotoDnaInAlternativeHashes()
    {
        var records = await HashLists.ReadAsync(await File.ReadAllBytesAsync(VicsTestData.HashSet13, TestContext.Current.CancellationToken), HashListFormat.VicsJson);

        var model = Assert.IsType<HashListRecord.VicsModel>(records[0]);
        Assert.Equal("http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media", model.Context);
        Assert.Equal(("1.3", null, false), (model.Version, model.Flavour, model.IsCaseExport));
        var entry = Assert.Single(records.Entries());
        Assert.Equal(HashLists.Md5("SYNTHETIC benign legacy record 0001"), entry.Md5);
        Assert.Equal("a691ed7db3ce23fa8c95f062a13cce6a1893f7cc", entry.Sha1);
        Assert.StartsWith("dhLc6M1fbMNsgqbYWnyQZjWq", entry.PhotoDna, StringComparison.Ordinal);
        Assert.Equal("0", entry.Category);
        Assert.Equal("1", entry.SourceId);
    }

    [Fact]
    public async Task BadRecords_EachAnErrorNamingTheField_TheOthersRead()
    {
        var json = $$"""
            {"@odata.context":"{{Context20}}","value":[
              {"MediaID":1,"MD5":"ABC","Category":1},
              {"MediaID":2,"MD5":"{{Md5(2)}}","SHA1":"12","Category":1},
              {"MediaID":3,"Category":"2","Comments":"no hash at all"},
              {"MediaID":4,"MD5":"D41D8CD98F00B204E9800998ECF8427E"},
              {"MediaID":5,"MD5":"{{Md5(5)}}","PhotoDNA":"bm90IHBob3RvZG5h"},
              {"MediaID":6,"MD5":"{{Md5(6)}}","Category":1.5},
              {"MediaID":7,"MD5":"{{Md5(7)}}","AlternativeHashes":[{"HashName":"PDQ","HashValue":"f8f8"}]},
              "not an object",
              {"mediaid":"9","md5":"{{Md5(9).ToUpperInvariant()}}","category":"3","AlternativeHashes":[{"HashName":"sha256","HashValue":"{{new string('A', 64)}}"}]}
            ]}
            """;

        var records = await HashLists.ReadAsync(json, HashListFormat.VicsJson);

        Assert.Equal(
            [
                (1L, "MD5 is not 32 hex digits."),
                (2L, "SHA-1 is not 40 hex digits."),
                (3L, "No usable hash (MD5, SHA-1, SHA-256, PDQ, PhotoDNA or vPDQ); hashes of empty content are ignored."),
                (4L, "No usable hash (MD5, SHA-1, SHA-256, PDQ, PhotoDNA or vPDQ); hashes of empty content are ignored."),
                (5L, "PhotoDNA is neither base64 nor hex of 144 bytes."),
                (6L, "Category is not a whole number, a string or null."),
                (7L, "PDQ is not 64 hex digits."),
                (8L, "The Media record is not a JSON object."),
            ],
            records.Errors().Select(e => (e.Line, e.Message)));
        var entry = Assert.Single(records.OfType<HashListRecord.Entry>());
        Assert.Equal(9, entry.Line);
        Assert.Equal(new HashListEntry(Md5(9), null, new string('a', 64), null, null, null, "3", "9"), entry.Value);
    }

    [Fact]
    public async Task PhotoDnaInHex_IsStoredAsBase64_AndConflictingCopiesAreAnError()
    {
        var bytes = Enumerable.Range(0, 144).Select(i => (byte)i).ToArray();
        var json = $$"""
            {"@odata.context":"{{Context20}}","value":[
              {"MD5":"{{Md5(1)}}","PhotoDNA":"{{Convert.ToHexString(bytes)}}"},
              {"MD5":"{{Md5(2)}}","PhotoDNA":"{{Convert.ToBase64String(bytes)}}","AlternativeHashes":[{"HashName":"PhotoDNA","HashValue":"{{Convert.ToBase64String(bytes.Reverse().ToArray())}}"}]}
            ]}
            """;

        var records = await HashLists.ReadAsync(json, HashListFormat.VicsJson);

        Assert.Equal(Convert.ToBase64String(bytes), Assert.Single(records.Entries()).PhotoDna);
        Assert.Equal((2L, "Two different PhotoDNA values (property and AlternativeHashes)."), records.Errors().Select(e => (e.Line, e.Message)).Single());
    }

    [Fact]
    public async Task BrokenJson_EndsWithOneError_AfterEverythingBeforeIt()
    {
        var json = $$"""{"@odata.context":"{{Context20}}","value":[{"MD5":"{{Md5(1)}}"},{"MD5":"{{Md5(2)}}"},{"MD5": oops}]}""";

        var records = await HashLists.ReadAsync(json, HashListFormat.VicsJson);

        Assert.Equal(2, records.Entries().Count);
        var error = Assert.Single(records.Errors());
        Assert.Same(error, records[^1]);
        Assert.Equal("Invalid JSON after Media record 2, reading stopped (the file is truncated or corrupt): 'o' is an invalid start of a value.", error.Message);
        Assert.True(error.EndsReading);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""{"something":"else"}""")]
    [InlineData("")]
    public async Task NotVics_OneError(string json)
    {
        var records = await HashLists.ReadAsync(json, HashListFormat.VicsJson);

        Assert.IsType<HashListRecord.Error>(Assert.Single(records));
    }

    [Fact]
    public async Task NoModel_ReadAsHashSet_AndOddContextValuesSkipped()
    {
        var json = $$"""{"@odata.context":{"value":[1]},"Extra":[{"value":2}],"value":[{"MD5":"{{Md5(1)}}" /* comment */}]}""";

        var records = await HashLists.ReadAsync(json, HashListFormat.VicsJson);

        Assert.Equal((1L, Md5(1)), records.OfType<HashListRecord.Entry>().Select(e => (e.Line, e.Value.Md5)).Single());
        Assert.Single(records);
    }

    [Fact]
    public async Task CaseExport_SkipsCaseFieldsBeforeAndAfterMedia_AndReadsSeveralCases()
    {
        var context = "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/UK/$metadata#Cases";
        var json = $$"""
            {"@odata.context":"{{context}}","value":[
              {"CaseID":"a","CaseMetadata":[{"PropertyName":"x","PropertyValue":"[{]"}],"Media":[{"MD5":"{{Md5(1)}}","Category":0}],"TotalMediaFiles":"1"},
              {"Media":[],"CaseNumber":"b"},
              {"Media":[{"MD5":"{{Md5(2)}}","Category":null},{"MD5":"{{Md5(3)}}","Segments":[{"Category":1}]}]}
            ]}
            """;

        var records = await HashLists.ReadAsync(HashLists.Encode(json, bom: true), HashListFormat.VicsJson, chunk: 3);

        Assert.Equal(("2.0", "UK", true), records.OfType<HashListRecord.VicsModel>().Select(m => (m.Version, m.Flavour, m.IsCaseExport)).Single());
        Assert.Equal([Md5(1), Md5(2), Md5(3)], records.Entries().Select(e => e.Md5));
        Assert.Equal(["0", null, null], records.Entries().Select(e => e.Category));
        Assert.Empty(records.Errors());
    }

    private static string Md5(int i) => HashLists.Md5($"record {i}");

    private static async Task<byte[]> Bytes(string path, bool bom)
    {
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        return bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }
}
