using Clearline.Database;
using Clearline.Previews;
using Clearline.Tests.Classification;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Clearline.Tests.Previews;

/// <summary>A video's preview is a blurred, greyscale 3×3 contact sheet made once with ffmpeg; without ffmpeg, the placeholder.</summary>
public sealed class VideoContactSheetTests
{
    private const string PlaceholderHeader = "X-Clearline-Preview-Placeholder";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Video_GetsAGreyBlurredContactSheet_RenderedOnce(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var item = await network.FoundAsync(TestVideos.Mp4IndexAtEnd(), analyst);

        using var sheet = await SheetAsync(analyst, item);
        using var sharp = SKBitmap.Decode(TestVideos.SharpFramePng());
        Assert.True(PreviewPixels.MaxChroma(sheet) <= 4, $"The contact sheet has colour (max channel spread {PreviewPixels.MaxChroma(sheet)}).");
        Assert.True(PreviewPixels.Energy(sheet) * 10 < PreviewPixels.Energy(sharp), $"The contact sheet keeps detail: energy {PreviewPixels.Energy(sheet):F1} against a sharp frame's {PreviewPixels.Energy(sharp):F1}.");

        // Made once: both renderings are recorded, and the next request reads the recorded blob, whatever it is.
        var colour = await (await analyst.GetAsync($"/api/v1/media/{item}/preview?greyscale=false")).Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(2, await network.InDatabaseAsync(db => db.Set<MediaPreview>().CountAsync(p => p.MediaSha256 == item, Ct)));
        var colourBlob = await network.InDatabaseAsync(db => db.Set<MediaPreview>()
            .Where(p => p.MediaSha256 == item && p.Kind == PreviewKind.Blurred).Select(p => p.BlobSha256).SingleAsync(Ct));
        await network.InDatabaseAsync(db => db.Set<MediaPreview>().Where(p => p.MediaSha256 == item && p.Kind == PreviewKind.GreyBlurred)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BlobSha256, colourBlob), Ct));
        var again = await (await analyst.GetAsync($"/api/v1/media/{item}/preview")).Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(colour, again);
    }

    [Theory]
    [InlineData("fast-start mp4")]
    [InlineData("webm")]
    public async Task StreamableVideo_GetsAContactSheet(string kind)
    {
        await using var network = await AssessmentNetwork.StartAsync(DatabaseProvider.Sqlite);
        var analyst = await network.JoinAsync("NL");
        var item = await network.FoundAsync(kind == "webm" ? TestVideos.WebM() : TestVideos.Mp4FastStart(), analyst);

        using var sheet = await SheetAsync(analyst, item);
        Assert.True(PreviewPixels.MaxChroma(sheet) <= 4, $"The contact sheet has colour (max channel spread {PreviewPixels.MaxChroma(sheet)}).");
    }

    [Fact]
    public async Task CorruptVideo_GetsThePlaceholder_AndNothingIsStored()
    {
        await using var network = await AssessmentNetwork.StartAsync(DatabaseProvider.Sqlite);
        var analyst = await network.JoinAsync("NL");
        var video = TestVideos.Mp4FastStart();
        var corrupt = video.AsSpan(0, 64).ToArray().Concat(Enumerable.Repeat((byte)0x5A, 4096)).ToArray();
        var item = await network.FoundAsync(corrupt, analyst);

        await AssertPlaceholderAsync(network, analyst, item);
    }

    [Fact]
    public async Task MissingFfmpeg_GivesThePlaceholder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "ffmpeg");
        await using var network = await AssessmentNetwork.StartAsync(DatabaseProvider.Sqlite, new() { ["Previews:FfmpegPath"] = missing });
        var analyst = await network.JoinAsync("NL");
        var item = await network.FoundAsync(TestVideos.Mp4FastStart(), analyst);

        await AssertPlaceholderAsync(network, analyst, item);
    }

    private static async Task<SKBitmap> SheetAsync(Analyst analyst, string item)
    {
        var response = await analyst.GetAsync($"/api/v1/media/{item}/preview");
        await ProblemAssert.IsSuccessAsync(response);
        Assert.False(response.Headers.Contains(PlaceholderHeader), "The contact sheet is marked as a placeholder.");
        var sheet = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.NotNull(sheet);
        Assert.Equal((VideoContactSheet.Width, VideoContactSheet.Height), (sheet.Width, sheet.Height));
        return sheet;
    }

    private static async Task AssertPlaceholderAsync(AssessmentNetwork network, Analyst analyst, string item)
    {
        var response = await analyst.GetAsync($"/api/v1/media/{item}/preview");
        await ProblemAssert.IsSuccessAsync(response);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues(PlaceholderHeader)));
        Assert.Equal(0, await network.InDatabaseAsync(db => db.Set<MediaPreview>().CountAsync(Ct)));
    }
}
