using Clearline.Audit;
using Clearline.Database;
using Clearline.Media.Tests;
using Clearline.Previews;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Clearline.Tests.Classification;

/// <summary>Previews are blurred and greyscale, rendered once and stored; the original only comes by an audited reveal.</summary>
public sealed class PreviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Preview_IsGreyAndBlurred_AndRenderedOnce(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var original = NoisePng(256, 256);
        var item = await network.FoundAsync(original, analyst);

        var queued = Assert.Single((await analyst.JsonAsync("/api/v1/assessment/queue")).GetProperty("items").EnumerateArray());
        Assert.Equal(($"/api/v1/media/{item}/preview", "Png", 256), (
            queued.GetProperty("previewUrl").GetString(), queued.GetProperty("format").GetString(), queued.GetProperty("width").GetInt32()));
        var response = await analyst.GetAsync(queued.GetProperty("previewUrl").GetString()!);
        await ProblemAssert.IsSuccessAsync(response);
        Assert.False(response.Headers.Contains("X-Clearline-Preview-Placeholder"));
        var preview = await response.Content.ReadAsByteArrayAsync(Ct);

        using var blurred = SKBitmap.Decode(preview);
        using var sharp = SKBitmap.Decode(original);
        Assert.NotNull(blurred);
        Assert.True(PreviewPixels.MaxChroma(blurred) <= 4, $"The preview has colour (max channel spread {PreviewPixels.MaxChroma(blurred)}).");
        Assert.True(PreviewPixels.Energy(blurred) * 10 < PreviewPixels.Energy(sharp), $"The preview keeps detail: energy {PreviewPixels.Energy(blurred):F1} against the original's {PreviewPixels.Energy(sharp):F1}.");

        // Rendered once: both renderings are recorded, and the next request reads the recorded blob, whatever it is.
        var colour = await (await analyst.GetAsync($"/api/v1/media/{item}/preview?greyscale=false")).Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(2, await network.InDatabaseAsync(db => db.Set<MediaPreview>().CountAsync(p => p.MediaSha256 == item, Ct)));
        var colourBlob = await network.InDatabaseAsync(db => db.Set<MediaPreview>().Where(p => p.MediaSha256 == item && p.Kind == PreviewKind.Blurred).Select(p => p.BlobSha256).SingleAsync(Ct));
        await network.InDatabaseAsync(db => db.Set<MediaPreview>().Where(p => p.MediaSha256 == item && p.Kind == PreviewKind.GreyBlurred)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BlobSha256, colourBlob), Ct));
        var again = await (await analyst.GetAsync($"/api/v1/media/{item}/preview")).Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(colour, again);
        Assert.NotEqual(preview, again);
    }

    [Theory]
    [BothDatabases]
    public async Task Reveal_SendsTheOriginal_AndIsAuditedAndCountedEveryTime(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var original = BenignImages.SceneJpeg(96, 64, seed: 30);
        var item = await network.FoundAsync(original, analyst);

        for (var i = 0; i < 3; i++)
        {
            var response = await analyst.GetAsync($"/api/v1/media/{item}/content");
            await ProblemAssert.IsSuccessAsync(response);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(original, await response.Content.ReadAsByteArrayAsync(Ct));
        }

        var audited = await network.InDatabaseAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.ContentViewed && e.Target == $"blob:{item}" && e.OrganisationId == analyst.Organisation.Id).ToListAsync(Ct));
        Assert.Equal(3, audited.Count);
        Assert.All(audited, e => Assert.Equal(AuditActorKind.ApiKey, e.ActorKind));
        Assert.Equal(3, (await analyst.JsonAsync("/api/v1/assessment/wellbeing")).GetProperty("revealsToday").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Video_GetsANeutralPlaceholder(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var item = await network.FoundAsync(MinimalMp4(), analyst);

        var queued = Assert.Single((await analyst.JsonAsync("/api/v1/assessment/queue")).GetProperty("items").EnumerateArray());
        Assert.True(queued.GetProperty("isVideo").GetBoolean());
        var response = await analyst.GetAsync($"/api/v1/media/{item}/preview");
        await ProblemAssert.IsSuccessAsync(response);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("X-Clearline-Preview-Placeholder")));
        Assert.Equal(0, await network.InDatabaseAsync(db => db.Set<MediaPreview>().CountAsync(Ct)));
    }

    /// <summary>A PNG of coloured per-pixel noise: all detail, which a blur must remove.</summary>
    private static byte[] NoisePng(int width, int height)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>An MP4 header and nothing else: enough to be recognised as a video.</summary>
    private static byte[] MinimalMp4() =>
        [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
         (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1', 0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e'];
}
