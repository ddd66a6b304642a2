using Clearline.Media.Decoding;
using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Pdq;

/// <summary>Each intermediate stage against the values dumped from the reference library (testdata/pdq/stages).</summary>
public sealed class PdqStageTests
{
    [Theory]
    [InlineData("bridge-1-original")]
    [InlineData("q0122")]
    [InlineData("wee")]
    [InlineData("L")]
    public void Stages_ReferenceDump_MatchEveryStageExactly(string name)
    {
        var stages = StageFile.Read(name);
        using var scratch = PdqScratch.Rent();
        var capture = new CaptureSink(scratch.Sampler);
        var outcome = SkiaImageReader.Read(File.ReadAllBytes(TestData.PdqFile(stages.Header["file"])), DecodeOptions.Default, false, capture);
        Assert.Null(outcome.Error);
        var sampler = scratch.Sampler;
        var ws = scratch.Workspace;

        Assert.Equal(stages.Int("decoded_width"), capture.Width);
        Assert.Equal(stages.Int("decoded_height"), capture.Height);
        Assert.Equal(stages.Int("channels"), sampler.IsGrey ? 1 : 3);
        Assert.Equal(stages.Int("hashed_width"), sampler.Width);
        Assert.Equal(stages.Int("hashed_height"), sampler.Height);

        sampler.FillLuma(ws);
        Assert.Equal(stages.Floats("luma_row0_first16"), ws.Primary.AsSpan(0, 16).ToArray());
        Assert.Equal(stages.Int("window_along_rows"), PdqCore.WindowSize(sampler.Width));
        Assert.Equal(stages.Int("window_along_cols"), PdqCore.WindowSize(sampler.Height));

        PdqCore.BlurAndDecimate(ws, sampler.Height, sampler.Width);
        Assert.Equal(stages.Decimated, ws.Decimated);
        Assert.Equal(stages.Int("quality"), PdqDct.Quality(ws.Decimated));

        PdqDct.Transform(ws.Decimated, ws.Partial, ws.Dct);
        Assert.Equal(stages.Dct, ws.Dct);
        Assert.Equal(float.Parse(stages.Header["median"], CultureInfo.InvariantCulture), PdqDct.Median(ws.Dct));
        Assert.Equal(stages.Header["hash"], PdqDct.ToHash(ws.Dct).ToString());
    }

    /// <summary>Feeds the sampler like the hashing sink, but leaves the stages to the test.</summary>
    private sealed class CaptureSink(PdqSampler sampler) : IFrameSink
    {
        public int Width { get; private set; }

        public int Height { get; private set; }

        public void BeginFrame(int width, int height)
        {
            (Width, Height) = (width, height);
            sampler.Begin(width, height);
        }

        public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey) =>
            sampler.AddRows(pixels, rowBytes, firstRow, rowCount, grey);

        public void EndFrame(int index)
        {
        }
    }

    private sealed record StageFile(IReadOnlyDictionary<string, string> Header, float[] Decimated, float[] Dct)
    {
        public int Int(string key) => int.Parse(Header[key], CultureInfo.InvariantCulture);

        public float[] Floats(string key) => ParseRow(Header[key]);

        public static StageFile Read(string name)
        {
            var lines = File.ReadAllLines(Path.Combine(TestData.Pdq, "stages", name + ".stages.txt"));
            var header = lines.TakeWhile(l => !l.StartsWith('[')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var sections = lines.Select((line, i) => (line, i)).Where(p => p.line.StartsWith('[')).Select(p => p.i).ToArray();
            var decimated = lines.Skip(sections[0] + 1).Take(64).SelectMany(ParseRow).ToArray();
            var dct = lines.Skip(sections[1] + 1).Take(16).SelectMany(ParseRow).ToArray();
            return new StageFile(header, decimated, dct);
        }

        private static float[] ParseRow(string line) =>
            line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }
}
