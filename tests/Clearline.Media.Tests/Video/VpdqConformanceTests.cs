using Clearline.Media.Video;

namespace Clearline.Media.Tests.Video;

/// <summary>
/// vPDQ against Meta's reference: every frame of every reference video hashed by <c>vpdq-hash-video</c> with the
/// same FFmpeg (Debian 12's 5.1.9), in <c>tests/testdata/vpdq/reference-output</c>, must come out identical.
/// </summary>
public sealed class VpdqConformanceTests
{
    public static TheoryData<string, string> Runs()
    {
        var runs = new TheoryData<string, string>();
        foreach (var video in Directory.GetFiles(Path.Combine(TestData.Vpdq, "videos"), "*.mp4").Select(Path.GetFileNameWithoutExtension).Order())
        {
            foreach (var mode in new[] { "every-frame", "every-frame-128x128", "1-per-second" })
            {
                runs.Add(video!, mode);
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Every_frame_matches_the_reference_exactly(string video, string mode)
    {
        var options = mode switch
        {
            "every-frame-128x128" => new VpdqHashOptions { DownsampleFrameDimension = 128 },
            "1-per-second" => new VpdqHashOptions { SecondsPerHash = 1 },
            _ => new VpdqHashOptions(),
        };
        var expected = await File.ReadAllTextAsync(Path.Combine(TestData.Vpdq, "reference-output", $"{video}.{mode}.txt"), TestContext.Current.CancellationToken);

        var result = await VpdqHasher.HashAsync(VideoInput.FromFile(Path.Combine(TestData.Vpdq, "videos", video + ".mp4")), options, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(expected, VpdqText.ToReferenceLines(result.Video!.Features));
    }

    [Fact]
    public async Task A_video_fed_on_standard_input_hashes_as_the_file_does()
    {
        var path = Path.Combine(TestData.Vpdq, "videos", "test-padded-dimensions.mp4");
        var input = VideoInput.FromStream("mov", _ => Task.FromResult<Stream>(File.OpenRead(path)));

        var result = await VpdqHasher.HashAsync(input, ct: TestContext.Current.CancellationToken);

        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(TestData.Vpdq, "reference-output", "test-padded-dimensions.every-frame.txt"), TestContext.Current.CancellationToken),
            VpdqText.ToReferenceLines(result.Video!.Features));
    }

    [Fact]
    public void The_expected_match_matrix_comes_out_exactly_under_both_rules()
    {
        var folder = Path.Combine(TestData.Vpdq, "upstream-sample-hashes");
        var hashes = Directory.GetFiles(folder, "*.txt").Where(f => !Path.GetFileName(f).StartsWith("LICENSE", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => VpdqText.ParseReferenceLines(File.ReadAllText(f)), StringComparer.Ordinal);
        var strict = new VpdqMatchOptions { Rule = VpdqFrameRule.AllFramesStrict };
        var rows = File.ReadAllLines(Path.Combine(TestData.Vpdq, "expected-match-matrix.tsv")).Skip(1).Where(l => l.Length > 0).ToArray();

        Assert.Equal(31 * 31, rows.Length);
        foreach (var row in rows)
        {
            var cells = row.Split('\t');
            var query = hashes[cells[0]];
            var target = hashes[cells[1]];
            var cpp = VpdqMatcher.Compare(query, target, strict);
            var pte = VpdqMatcher.Compare(query, target);
            Assert.Equal(cells[2..6], new[] { cpp.QueryPercent, cpp.ComparedPercent, pte.QueryPercent, pte.ComparedPercent }
                .Select(p => p.ToString("F2", CultureInfo.InvariantCulture)));
        }
    }
}
