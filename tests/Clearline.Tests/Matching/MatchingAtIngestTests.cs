using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.Tests.Crawling;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static Clearline.Tests.Matching.KnownMaterialSeed;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Matching;

/// <summary>
/// A crawl meets known material the moment its media are stored: known items are classified automatically and
/// never reach the hotline's queue; a suggestion reaches it marked "probably known"; unknown items reach it plainly.
/// </summary>
public sealed class MatchingAtIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Crawl_KnownItemsAreClassifiedAndSkipTheQueue_SuggestionsAndNewItemsReachIt(DatabaseProvider provider)
    {
        var hasher = new MediaHasher();
        var known = BenignImages.SceneJpeg(256, 256, seed: 31);
        using var scene = SKBitmap.Decode(BenignImages.SceneJpeg(256, 256, seed: 32));
        var pixels = scene.GetPixelSpan().ToArray();
        var copyOriginal = KnownMaterialMatcherTests.EncodeJpeg(pixels, 256, quality: 95);
        var copy = KnownMaterialMatcherTests.EncodeJpeg(pixels, 256, quality: 60);
        var hinted = BenignImages.SceneJpeg(256, 256, seed: 33);
        var unknown = BenignImages.SceneJpeg(256, 256, seed: 34);
        var files = new Dictionary<string, byte[]> { ["known.jpg"] = known, ["copy.jpg"] = copy, ["hinted.jpg"] = hinted, ["unknown.jpg"] = unknown };
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/{**path}", (string? path) =>
            string.IsNullOrEmpty(path)
                ? HttpResults.Content(string.Concat(files.Keys.Select(k => $"<img src=\"/{k}\">")), "text/html")
                : files.TryGetValue(path, out var bytes) ? HttpResults.Bytes(bytes, "image/jpeg") : HttpResults.NotFound()));
        var (app, client) = await CrawlPipelineTests.StartAsync(provider);
        await using var appLifetime = app;
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        client = new ReportsClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.ReportsWrite)));

        var (trusted, hints) = await app.AsSystemAsync(async sp =>
        {
            var trustedList = await CreateListAsync(sp, "trusted", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal);
            var hintList = await CreateListAsync(sp, "hints", HashListTrust.SuggestOnly, CategoryOutcome.Baseline);
            await AddEntriesAsync(
                sp,
                Md5Entry(trustedList, hasher.Hash(known).Hashes.Md5),
                PdqEntry(trustedList, hasher.Hash(copyOriginal).Pdq!.Value.Hash.ToString()),
                Md5Entry(hintList, hasher.Hash(hinted).Hashes.Md5));
            return (trustedList, hintList);
        });

        var report = await client.SubmitAsync(site.Url("/"));
        await client.WaitForCrawlAsync(report);
        await WaitForMatchingAsync(app);

        var sha = files.ToDictionary(f => f.Key, f => BenignBytes.Sha256(f.Value));
        var (queue, hintsForItem, classifications) = await app.AsSystemAsync(async sp =>
        {
            sp.GetRequiredService<TenantContext>().ActFor(hotline.Id);
            var assessment = sp.GetRequiredService<AssessmentQueue>();
            var viewer = new HashListViewer(hotline.Id, hotline.Kind);
            var unassessed = (await assessment.PageAsync(viewer, hotline.CountryCode, null, 100, Ct)).Value!.Items.Select(i => i.MediaSha256).ToList();
            var probablyKnown = await assessment.ProbablyKnownAsync(sha["hinted.jpg"], viewer, Ct);
            var decided = await sp.GetRequiredService<ClearlineDbContext>().Set<MediaClassification>().AsNoTracking().ToListAsync(Ct);
            return (unassessed, probablyKnown, decided);
        });

        Assert.Equal([sha["hinted.jpg"], sha["unknown.jpg"]], queue.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Assert.Equal(
            [sha["copy.jpg"], sha["known.jpg"]],
            classifications.Select(c => c.MediaSha256).Order(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
        Assert.All(classifications, c => Assert.Equal((Verdict.NotIllegal, trusted.Id, ClassificationSource.KnownMaterial), (c.Verdict, c.HashListId, c.Source)));
        var hint = Assert.Single(hintsForItem);
        Assert.Equal((hints.Id, "hints", MatchedHash.Md5), (hint.HashListId, hint.HashListName, hint.Hash));
    }

    /// <summary>Waits until every matching job queued by the crawl has run.</summary>
    private static async Task WaitForMatchingAsync(ClearlineTestApp app)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var states = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>()
                .Where(j => j.Kind == MatchMediaJob.Kind).Select(j => j.State).ToListAsync(timeout.Token));
            Assert.DoesNotContain(JobState.Failed, states);
            if (states.Count > 0 && states.All(s => s == JobState.Succeeded))
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
