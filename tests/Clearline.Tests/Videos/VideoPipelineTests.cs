using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Media.Video;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.Tests.Crawling;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Storage;
using Clearline.Videos;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Videos;

/// <summary>
/// Every crawled video gets its vPDQ by a job before any analyst sees it, and is matched with it: a re-encoded,
/// trimmed copy of a known video is classified and never reaches the queue; a hostile video's failure is recorded
/// and the video reaches the analyst; an analyst's decision on a video reaches its copies through the network's list.
/// </summary>
public sealed class VideoPipelineTests
{
    /// <summary>6 s of ffmpeg's test pattern at 10 fps, 60 frames; a 10 % trim is its first 0.6 s.</summary>
    private const string Pattern = "testsrc2=duration=6:size=320x240:rate=10";

    private const string Fractal = "mandelbrot=size=320x240:rate=10,trim=duration=6";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Crawl_KnownVideoReencodedAndTrimmed_IsClassifiedWithItsPercentages_QueueStaysEmpty(DatabaseProvider provider)
    {
        using var videos = new GeneratedVideos();
        var original = videos.Make("original.mp4", Pattern);
        var copy = File.ReadAllBytes(videos.ReencodeTrimmed(original, "copy.mp4", trimSeconds: 0.6));
        var knownVpdq = await HashAsync(original);
        var files = new Dictionary<string, byte[]> { ["copy.mp4"] = copy };
        await using var site = await StartSiteAsync(files);
        var (app, hotline, client) = await StartAsync(provider);
        await using var appLifetime = app;
        var trusted = await app.AsSystemAsync(async sp =>
        {
            var list = await CreateListAsync(sp, "trusted videos", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal);
            await AddEntriesAsync(sp, VideoEntry(list, knownVpdq));
            return list;
        });

        await client.WaitForCrawlAsync(await client.SubmitAsync(site.Url("/")));
        await WaitForVideoJobsAsync(app, videos: 1);

        var sha = BenignBytes.Sha256(copy);
        var (queue, classification, match, hash) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (
                await QueueAsync(sp, hotline),
                await db.Set<MediaClassification>().AsNoTracking().SingleAsync(c => c.MediaSha256 == sha, Ct),
                await db.Set<MediaMatch>().AsNoTracking().SingleAsync(m => m.MediaSha256 == sha && m.Hash == MatchedHash.Vpdq, Ct),
                await db.Set<VideoHash>().AsNoTracking().SingleAsync(v => v.MediaSha256 == sha, Ct));
        });

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"10 % trimmed, re-encoded copy vs its original, every frame: q% {match.QueryMatchPercent:F1}, c% {match.ComparedMatchPercent:F1}");
        Assert.Empty(queue);
        Assert.Equal((Verdict.NotIllegal, ClassificationSource.KnownMaterial, trusted.Id, match.Id), (classification.Verdict, classification.Source, classification.HashListId, classification.MatchId));
        Assert.Equal((MatchOutcome.Classified, 0), (match.Outcome, match.Distance));
        Assert.InRange(match.QueryMatchPercent!.Value, 80, 100);
        Assert.InRange(match.ComparedMatchPercent!.Value, 80, 95);
        Assert.Equal((54, 0.0, (string?)null), (hash.FrameCount, hash.SecondsPerHash, hash.ErrorCode));
        Assert.Equal(54, VpdqText.ParseReferenceLines(hash.Vpdq!).Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Crawl_AnimatedGifOfAKnownVideo_IsHashedPerFrameAndClassified_AStillGifIsNotHeldBack(DatabaseProvider provider)
    {
        using var videos = new GeneratedVideos();
        var original = videos.Make("original.mp4", Pattern);
        var files = new Dictionary<string, byte[]>
        {
            ["animated.gif"] = File.ReadAllBytes(videos.Convert(original, "animated.gif")),
            ["still.gif"] = File.ReadAllBytes(videos.Convert(original, "still.gif", "-frames:v", "1")),
        };
        await using var site = await StartSiteAsync(files);
        var (app, hotline, client) = await StartAsync(provider);
        await using var appLifetime = app;
        var trusted = await app.AsSystemAsync(async sp =>
        {
            var list = await CreateListAsync(sp, "trusted videos", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal);
            await AddEntriesAsync(sp, VideoEntry(list, await HashAsync(original)));
            return list;
        });

        await client.WaitForCrawlAsync(await client.SubmitAsync(site.Url("/")));
        await WaitForVideoJobsAsync(app, videos: 1);

        var sha = files.ToDictionary(f => f.Key, f => BenignBytes.Sha256(f.Value));
        var (queue, hashes, classification) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (
                await QueueAsync(sp, hotline),
                await db.Set<VideoHash>().AsNoTracking().ToDictionaryAsync(v => v.MediaSha256, Ct),
                await db.Set<MediaClassification>().AsNoTracking().SingleAsync(c => c.MediaSha256 == sha["animated.gif"], Ct));
        });

        Assert.Equal(60, hashes[sha["animated.gif"]].FrameCount);
        Assert.DoesNotContain(sha["still.gif"], hashes.Keys);
        Assert.Equal((Verdict.NotIllegal, trusted.Id), (classification.Verdict, classification.HashListId));
        Assert.Equal([sha["still.gif"]], queue);
    }

    [Theory]
    [BothDatabases]
    public async Task Crawl_HostileVideosFailTyped_UnknownAndNearVideosReachTheAnalyst_PendingOnesWait(DatabaseProvider provider)
    {
        using var videos = new GeneratedVideos();
        var hintedOriginal = videos.Make("hinted-original.mp4", Fractal);
        var files = new Dictionary<string, byte[]>
        {
            // MP4 by its magic number, then nothing a demuxer can read.
            ["garbage.mp4"] = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251))],
            ["long.mp4"] = File.ReadAllBytes(videos.Make("long.mp4", "smptebars=duration=12:size=160x120:rate=10")),
            ["unknown.webm"] = File.ReadAllBytes(videos.MakeWebM("unknown.webm", Pattern)),
            ["hinted.mp4"] = File.ReadAllBytes(videos.ReencodeTrimmed(hintedOriginal, "hinted.mp4", trimSeconds: 0.6)),
        };
        await using var site = await StartSiteAsync(files);
        var (app, hotline, client) = await StartAsync(provider, new() { ["Video:MaxDuration"] = "00:00:10" });
        await using var appLifetime = app;
        var hints = await app.AsSystemAsync(async sp =>
        {
            var list = await CreateListAsync(sp, "video hints", HashListTrust.SuggestOnly, CategoryOutcome.Baseline);
            await AddEntriesAsync(sp, VideoEntry(list, await HashAsync(hintedOriginal)));
            return list;
        });

        await client.WaitForCrawlAsync(await client.SubmitAsync(site.Url("/")));
        await WaitForVideoJobsAsync(app, videos: 4);

        var sha = files.ToDictionary(f => f.Key, f => BenignBytes.Sha256(f.Value));
        var (queue, hashes, probablyKnown, classified) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var viewer = new HashListViewer(hotline.Id, hotline.Kind);
            return (
                await QueueAsync(sp, hotline),
                await db.Set<VideoHash>().AsNoTracking().ToDictionaryAsync(v => v.MediaSha256, Ct),
                await sp.GetRequiredService<AssessmentQueue>().ProbablyKnownAsync(sha["hinted.mp4"], viewer, Ct),
                await db.Set<MediaClassification>().AsNoTracking().CountAsync(Ct));
        });

        Assert.Equal(sha.Values.Order(StringComparer.Ordinal), queue.Order(StringComparer.Ordinal));
        Assert.Equal(0, classified);
        Assert.Equal(("corrupt", (string?)null), (hashes[sha["garbage.mp4"]].ErrorCode, hashes[sha["garbage.mp4"]].Vpdq));
        Assert.Equal(("too-large", 0), (hashes[sha["long.mp4"]].ErrorCode, hashes[sha["long.mp4"]].FrameCount));
        Assert.All([hashes[sha["garbage.mp4"]], hashes[sha["long.mp4"]]], h => Assert.False(string.IsNullOrEmpty(h.ErrorMessage)));
        Assert.Equal((60, (string?)null), (hashes[sha["unknown.webm"]].FrameCount, hashes[sha["unknown.webm"]].ErrorCode));
        var hint = Assert.Single(probablyKnown);
        Assert.Equal((hints.Id, MatchedHash.Vpdq), (hint.HashListId, hint.Hash));
        Assert.InRange(hint.QueryMatchPercent!.Value, 80, 100);

        // A video whose hash is still pending waits outside the queue; hashed or failed, it is in it.
        await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<VideoHash>()
            .Where(v => v.MediaSha256 == sha["garbage.mp4"]).ExecuteUpdateAsync(s => s.SetProperty(v => v.HashedAt, (DateTimeOffset?)null), Ct));
        var waiting = await app.AsSystemAsync(sp => QueueAsync(sp, hotline));
        Assert.Equal(sha.Values.Where(s => s != sha["garbage.mp4"]).Order(StringComparer.Ordinal), waiting.Order(StringComparer.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task AnalystsDecisionOnAVideo_ReachesItsReencodedCopies(DatabaseProvider provider)
    {
        using var videos = new GeneratedVideos();
        var original = videos.Make("first.mp4", Fractal);
        var first = File.ReadAllBytes(original);
        var copy = File.ReadAllBytes(videos.ReencodeTrimmed(original, "copy.mp4", trimSeconds: 0.6));
        var files = new Dictionary<string, byte[]> { ["first.mp4"] = first };
        await using var site = await StartSiteAsync(files);
        var (app, hotline, client) = await StartAsync(provider);
        await using var appLifetime = app;
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);

        await client.WaitForCrawlAsync(await client.SubmitAsync(site.Url("/")));
        await WaitForVideoJobsAsync(app, videos: 1);
        var decided = await app.AsSystemAsync(async sp =>
        {
            sp.GetRequiredService<TenantContext>().ActFor(hotline.Id);
            var assessor = new Assessor(hotline.Id, hotline.CountryCode, analyst.User.Id);
            return await sp.GetRequiredService<Classifier>().ClassifyAsync(new ClassifyRequest(BenignBytes.Sha256(first), Verdict.Baseline, AgeGroup.Pubescent), assessor, Ct);
        });
        Assert.True(decided.IsSuccess, decided.Error?.Message);

        files.Clear();
        files["copy.mp4"] = copy;
        await client.WaitForCrawlAsync(await client.SubmitAsync(site.Url("/later")));
        await WaitForVideoJobsAsync(app, videos: 2);

        var sha = BenignBytes.Sha256(copy);
        var (queue, classification, entry) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (
                await QueueAsync(sp, hotline),
                await db.Set<MediaClassification>().AsNoTracking().SingleAsync(c => c.MediaSha256 == sha, Ct),
                await db.Set<KnownHash>().AsNoTracking().SingleAsync(h => h.HashListId == HashList.NetworkListId && h.TombstonedAt == null, Ct));
        });

        Assert.Empty(queue);
        Assert.Equal((Verdict.Baseline, ClassificationSource.KnownMaterial, HashList.NetworkListId, entry.Id), (classification.Verdict, classification.Source, classification.HashListId, classification.KnownHashId));
        Assert.Equal(60, VpdqText.ParseReferenceLines(entry.Vpdq!).Count);
    }

    private static async Task<string> HashAsync(string path)
    {
        var hashed = await VpdqHasher.HashAsync(VideoInput.FromFile(path), VpdqHashOptions.Default, Ct);
        Assert.True(hashed.Succeeded, hashed.Error?.Message);
        return VpdqText.ToReferenceLines(hashed.Video!.Features);
    }

    private static KnownHash VideoEntry(HashList list, string vpdq) =>
        new() { HashListId = list.Id, Vpdq = vpdq, Category = "K", AddedAt = DateTimeOffset.UtcNow };

    /// <summary>A site whose every page shows each file as a video; the dictionary may change between crawls.</summary>
    private static Task<LocalSite> StartSiteAsync(Dictionary<string, byte[]> files) =>
        LocalSite.StartAsync(app => app.MapGet("/{**path}", (string? path) =>
            path is not null && files.TryGetValue(path, out var bytes)
                ? HttpResults.Bytes(bytes, Path.GetExtension(path) switch { ".webm" => "video/webm", ".gif" => "image/gif", _ => "video/mp4" })
                : HttpResults.Content(string.Concat(files.Keys.Select(k => k.EndsWith(".gif", StringComparison.Ordinal) ? $"<img src=\"/{k}\">" : $"<video src=\"/{k}\"></video>")), "text/html")));

    private static async Task<(ClearlineTestApp App, Organisation Hotline, ReportsClient Client)> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var all = CrawlPipelineTests.CrawlSettings();
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var app = await ClearlineTestApp.StartAsync(provider, all);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var client = new ReportsClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.ReportsWrite)));
        return (app, hotline, client);
    }

    private static async Task<List<string>> QueueAsync(IServiceProvider services, Organisation hotline)
    {
        services.GetRequiredService<TenantContext>().ActFor(hotline.Id);
        var page = await services.GetRequiredService<AssessmentQueue>().PageAsync(new HashListViewer(hotline.Id, hotline.Kind), hotline.CountryCode, null, 100, Ct);
        return [.. page.Value!.Items.Select(i => i.MediaSha256)];
    }

    /// <summary>Waits until <paramref name="videos"/> videos are hashed and every hashing and matching job has run.</summary>
    private static async Task WaitForVideoJobsAsync(ClearlineTestApp app, int videos)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            var jobs = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>()
                .Where(j => j.Kind == HashVideoJob.Kind || j.Kind == MatchMediaJob.Kind).Select(j => new { j.Kind, j.State }).ToListAsync(timeout.Token));
            Assert.DoesNotContain(JobState.Failed, jobs.Select(j => j.State));
            var hashed = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<VideoHash>().CountAsync(v => v.HashedAt != null, timeout.Token));
            if (hashed >= videos && jobs.Count > 0 && jobs.All(j => j.State == JobState.Succeeded))
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
