using System.Text;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Media.Video;
using Clearline.Tests.HashLists.Formats;
using FormatReader = Clearline.Tests.HashLists.Formats.HashLists;

namespace Clearline.Tests.HashLists;

/// <summary>
/// vPDQ entries in hash-list files: the HMA signal list (<c>signal_type,signal</c> with a <c>vpdq</c> JSON signal) and
/// the <c>vpdq</c> column of CSV and TSV, read and written, with the reference's frame hashes of the test videos.
/// </summary>
public sealed class VpdqSignalListTests
{
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    /// <summary>The reference's hashes of a test video, one per second, as the reference's text file.</summary>
    internal static string ReferenceLines(string video) =>
        File.ReadAllText(TestDataFolder.Combine("vpdq", "reference-output", $"{video}.1-per-second.txt")).ReplaceLineEndings("\n");

    /// <summary>The same hashes as the HMA signal (which carries no frame numbers).</summary>
    internal static string Signal(string video) => VpdqText.ToSignal(VpdqText.ParseReferenceLines(ReferenceLines(video)));

    /// <summary>What Clearline stores for a signal: the reference's lines, the frames numbered by position.</summary>
    internal static string Stored(string video) => VpdqText.ToReferenceLines(VpdqText.ParseSignal(Signal(video)));

    internal static string Quoted(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Fact]
    public async Task SignalList_VpdqAndPdqRows_ReadAsEntriesWithTheFramesOfTheSignal()
    {
        var text = "signal_type,signal,content_id,category\n"
            + $"vpdq,{Quoted(Signal("pattern-sd-grey-bar"))},video-1,1\n"
            + $"video_vpdq,{Quoted(Signal("test-padded-dimensions"))},video-2,\n"
            + $"pdq,{Pdq.ToUpperInvariant()},photo-1,2\n";

        var records = await FormatReader.ReadAsync(text, HashListFormat.SignalCsv);

        Assert.Empty(records.Errors());
        var entries = records.Entries();
        Assert.Equal(3, entries.Count);
        Assert.Equal((Stored("pattern-sd-grey-bar"), "video-1", "1"), (entries[0].Vpdq, entries[0].SourceId, entries[0].Category));
        Assert.Equal((Stored("test-padded-dimensions"), "video-2", (string?)null), (entries[1].Vpdq, entries[1].SourceId, entries[1].Category));
        Assert.Equal((Pdq, (string?)null, "photo-1"), (entries[2].Pdq?.ToString(), entries[2].Vpdq, entries[2].SourceId));
        var reference = VpdqText.ParseReferenceLines(ReferenceLines("pattern-sd-grey-bar"));
        var stored = VpdqText.ParseReferenceLines(entries[0].Vpdq!);
        Assert.Equal(reference.Select(f => (f.Hash, f.Quality, f.TimestampSeconds)), stored.Select(f => (f.Hash, f.Quality, f.TimestampSeconds)));
        Assert.Equal(Enumerable.Range(0, reference.Count), stored.Select(f => f.FrameNumber));
    }

    [Fact]
    public async Task SignalList_BadSignals_AreErrorsNamingTheirLine_AndTheRestIsRead()
    {
        var signal = Signal("pattern-sd-grey-bar");
        var badHex = signal.Replace(signal.Substring(signal.IndexOf(',', StringComparison.Ordinal) - 64, 64), "not-hex", StringComparison.Ordinal);
        var lines = new[]
        {
            "signal_type,signal,id",
            $"vpdq,{Quoted(signal)},good-1",
            $"vpdq,{Quoted("[\"" + Pdq + ",100\"]")},two-fields",
            $"vpdq,{Quoted(badHex)},bad-hex",
            "vpdq,not json,not-json",
            "vpdq,[],empty",
            $"vpdq,{Quoted("[\"" + Pdq + ",101,0.000\"]")},quality",
            $"url,https://example.invalid/,url",
            ",x,no-type",
            $"vpdq,{Quoted(Signal("test-padded-dimensions"))},good-2",
        };

        var records = await FormatReader.ReadAsync(string.Join('\n', lines) + "\n", HashListFormat.SignalCsv);

        Assert.Equal(["good-1", "good-2"], records.Entries().Select(e => e.SourceId));
        Assert.Equal(
            [
                (3L, "vPDQ signal: Frame 1 of the vPDQ signal is not \"hex,quality,timestamp\"."),
                (4L, "vPDQ signal: Frame 1 of the vPDQ signal is not \"hex,quality,timestamp\"."),
                (5L, "vPDQ (neither a JSON signal nor the reference's lines): Line 1 is not a vPDQ frame (frameNumber,quality,64 hex digits,timestamp)."),
                (6L, "vPDQ: the signal holds no frame."),
                (7L, "vPDQ signal: Frame 1 of the vPDQ signal is not \"hex,quality,timestamp\"."),
                (8L, "The signal_type 'url' is not one Clearline matches (vpdq, video_vpdq, pdq, video_md5, video_sha256)."),
                (9L, "The signal_type is empty."),
            ],
            records.Errors().Select(e => (e.Line, e.Message)));
        Assert.All(records.Errors(), e => Assert.False(e.EndsReading));
    }

    [Fact]
    public async Task SignalList_WrittenFromEntries_ReadsBackToTheSameEntries()
    {
        var video = new HashListEntry(null, null, null, null, null, null, "1", "video-1") { Vpdq = Stored("doorknob-hd-no-bar") };
        var photo = new HashListEntry(null, null, null, PdqOf(Pdq), 90, null, "2", "photo, \"quoted\"");
        var md5Only = new HashListEntry(FormatReader.Md5("md5 only"), null, null, null, null, null, "1", "md5-only");

        var (result, text) = await WriteAsync(HashListFormat.SignalCsv, video, photo, md5Only);

        Assert.Equal(new HashListWriteResult(2, 1), result);
        Assert.StartsWith("signal_type,signal,category,id\nvpdq,\"[", text, StringComparison.Ordinal);
        Assert.Contains($"\npdq,{Pdq},2,", text, StringComparison.Ordinal);
        Assert.Equal(HashListFormat.SignalCsv, HashListReader.Detect(Encoding.UTF8.GetBytes(text), "export.csv"));
        var back = (await FormatReader.ReadAsync(text, HashListFormat.SignalCsv)).Entries();
        Assert.Equal([video, photo with { PdqQuality = null }], back);
    }

    [Fact]
    public async Task SignalList_EntryWithPdqAndVpdq_IsTwoRowsWithOneId()
    {
        var both = new HashListEntry(null, null, null, PdqOf(Pdq), null, null, null, "item-7") { Vpdq = Stored("pattern-sd-grey-bar") };

        var (result, text) = await WriteAsync(HashListFormat.SignalCsv, both);

        Assert.Equal(new HashListWriteResult(1, 0), result);
        var back = (await FormatReader.ReadAsync(text, HashListFormat.SignalCsv)).Entries();
        Assert.Equal([("item-7", (string?)null, Stored("pattern-sd-grey-bar")), ("item-7", Pdq, null)], back.Select(e => (e.SourceId!, e.Pdq?.ToString(), e.Vpdq)));
    }

    [Theory]
    [InlineData(HashListFormat.Csv)]
    [InlineData(HashListFormat.Tsv)]
    public async Task DelimitedList_VpdqColumn_RoundTripsTheSignal(HashListFormat format)
    {
        var video = new HashListEntry(FormatReader.Md5("a benign video"), null, null, null, null, null, "1", "v") { Vpdq = Stored("pattern-sd-with-small-logo-bar") };
        var image = new HashListEntry(FormatReader.Md5("a benign image"), null, null, PdqOf(Pdq), 100, null, "2", "i");

        var (result, text) = await WriteAsync(format, video, image);

        Assert.Equal(new HashListWriteResult(2, 0), result);
        var records = await FormatReader.ReadAsync(text, format);
        Assert.Empty(records.Errors());
        Assert.Equal([video, image], records.Entries());
    }

    [Fact]
    public async Task Csv_VpdqColumnAlone_IsAUsableHash_AndAReferenceHashFileIsAcceptedToo()
    {
        var text = "id,vpdq\n"
            + $"hma,{Quoted(Signal("pattern-sd-grey-bar"))}\n"
            + $"reference,{Quoted(ReferenceLines("pattern-sd-grey-bar"))}\n"
            + "bad,\"[\"\"nope\"\"]\"\n";

        var records = await FormatReader.ReadAsync(text, HashListFormat.Csv);

        Assert.Equal([("hma", Stored("pattern-sd-grey-bar")), ("reference", ReferenceLines("pattern-sd-grey-bar"))], records.Entries().Select(e => (e.SourceId!, e.Vpdq!)));
        var error = Assert.Single(records.Errors());
        Assert.Equal(3 + ReferenceLines("pattern-sd-grey-bar").Count(c => c == '\n') + 1, error.Line);
        Assert.StartsWith("vPDQ signal: Frame 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signal_type,signal\nvpdq,\"[]\"\n", HashListFormat.SignalCsv)]
    [InlineData("content_id\tsignal_type\tsignal\n", HashListFormat.SignalCsv)]
    [InlineData("md5,vpdq\n", HashListFormat.Csv)]
    public void Detect_SignalHeader_IsTheSignalList(string head, HashListFormat expected) =>
        Assert.Equal(expected, HashListReader.Detect(Encoding.UTF8.GetBytes(head), null));

    [Fact]
    public async Task SignalList_TabSeparated_IsRead()
    {
        var text = $"content_id\tsignal_type\tsignal\nv1\tvpdq\t{Signal("test-padded-dimensions")}\n";

        var entry = Assert.Single((await FormatReader.ReadAsync(text, HashListFormat.SignalCsv)).Entries());

        Assert.Equal(("v1", Stored("test-padded-dimensions")), (entry.SourceId!, entry.Vpdq!));
    }

    [Fact]
    public async Task SignalList_CutInsideTheLastRow_EndsReading()
    {
        var text = $"signal_type,signal\nvpdq,{Quoted(Signal("pattern-sd-grey-bar"))}\nvpdq,\"[\"\"{Pdq},100";

        var records = await FormatReader.ReadAsync(text, HashListFormat.SignalCsv);

        Assert.Single(records.Entries());
        var error = Assert.Single(records.Errors());
        Assert.True(error.EndsReading);
        Assert.Equal(3L, error.Line);
    }

    [Fact]
    public async Task LocalFileList_VpdqLines_AreVideos_AndABadOneIsALineError()
    {
        var text = $"vpdq {Signal("pattern-sd-grey-bar")}\npdq {Pdq}\nvpdq [\"{Pdq},100\"]\n";

        var records = await FormatReader.ReadAsync(text, HashListFormat.PdqList);

        Assert.Equal(HashListFormat.PdqList, HashListReader.Detect(Encoding.UTF8.GetBytes(text), null));
        Assert.Equal([(Stored("pattern-sd-grey-bar"), (string?)null), (null, Pdq)], records.Entries().Select(e => (e.Vpdq, e.Pdq?.ToString())));
        Assert.Equal(3L, Assert.Single(records.Errors()).Line);
    }

    [Fact]
    public void FormatName_Signals_IsKnownToTheCliApiAndPages()
    {
        Assert.Contains("signals", HashListFormatNames.All);
        Assert.True(HashListFormatNames.TryParse("Signals", out var format));
        Assert.Equal(HashListFormat.SignalCsv, format);
        Assert.Equal("signals", HashListFormatNames.Name(HashListFormat.SignalCsv));
    }

    private static Clearline.Media.Pdq.PdqHash PdqOf(string hex) =>
        Clearline.Media.Pdq.PdqHash.TryParse(hex, out var hash) ? hash : throw new ArgumentException(hex);

    private static async Task<(HashListWriteResult Result, string Text)> WriteAsync(HashListFormat format, params HashListEntry[] entries)
    {
        using var output = new MemoryStream();
        var result = await HashListWriter.WriteAsync(output, format, entries.ToAsyncEnumerable(), TestContext.Current.CancellationToken);
        return (result, Encoding.UTF8.GetString(output.ToArray()));
    }
}
