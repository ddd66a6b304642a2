using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Media.Tests;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Matching;

/// <summary>
/// The two bugs of issue 12, point 1: a list that begins to classify must classify what it had only suggested
/// (its matches were skipped as "already recorded"), and two rematches at once must not collide on the unique
/// <c>MediaMatches(MediaSha256, KnownHashId)</c> key (or decide an item twice).
/// </summary>
public sealed class RematchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Patch_SuggestOnlyToAutoClassify_QueuesARematch_ThatClassifiesTheItemsItAlreadyMatched(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: Services);
        var coordinator = await database.InScopeAsync(sp => OrganisationAsync(sp, OrganisationKind.Coordinator));
        var caller = new HashListCaller(new HashListViewer(coordinator.Id, coordinator.Kind), AuditActor.System);
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 81)));
        var list = await database.InScopeAsync(async sp => (await sp.GetRequiredService<HashListDirectory>().CreateAsync(
            new NewHashList("Coordinator set", null, HashListKind.HotlineNetwork, HashListTrust.SuggestOnly, HashListVisibility.Network, CategoryScheme.Custom,
                new CategoryMapping(new Dictionary<string, CategoryRule> { ["K"] = new(CategoryOutcome.NotIllegal) })), caller, Ct)).Value!);
        await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(list, item.Md5)));
        await MatchAsync(database, item);
        Assert.Equal(MatchOutcome.Suggested, Assert.Single((await ReadAsync(database)).Matches).Outcome);

        var patched = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>()
            .UpdateAsync(list.Id, new HashListChanges(Trust: HashListTrust.AutoClassify), caller, Ct));
        Assert.True(patched.IsSuccess, patched.Error?.Message);
        var queued = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().CountAsync(j => j.Kind == RematchJob.Kind, Ct));
        await RematchAsync(database);

        var (classifications, matches) = await ReadAsync(database);
        Assert.Equal(1, queued);
        var match = Assert.Single(matches);
        var classification = Assert.Single(classifications);
        Assert.Equal((item.Sha256, Verdict.NotIllegal, match.Id), (classification.MediaSha256, classification.Verdict, classification.MatchId));
        Assert.Equal(MatchOutcome.Classified, match.Outcome);
    }

    [Theory]
    [BothDatabases]
    public async Task TwoRematchesAtOnce_RecordEachMatchAndDecisionOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: Services);
        var items = new List<MediaItem>();
        for (var seed = 0; seed < 24; seed++)
        {
            items.Add(await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(64, 64, seed: 900 + seed))));
        }

        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "network", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal));
        await database.InScopeAsync(sp => AddEntriesAsync(sp, [.. items.Select(i => Md5Entry(list, i.Md5))]));

        using var start = new SemaphoreSlim(0);
        var runs = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            await RematchAsync(database);
        })).ToList();
        start.Release(runs.Count);
        await Task.WhenAll(runs);

        var (classifications, matches) = await ReadAsync(database);
        Assert.Equal(items.Count, matches.Count);
        Assert.Equal(items.Count, classifications.Count);
        Assert.Equal(items.Count, classifications.Select(c => c.MediaSha256).Distinct().Count());
        Assert.All(matches, m => Assert.Equal(MatchOutcome.Classified, m.Outcome));
    }

    private static void Services(IServiceCollection services)
    {
        AddServices(services);
        services.AddJobs();
    }

    private static Task RematchAsync(TestDatabase database) =>
        database.InScopeAsync(sp => ActivatorUtilities.CreateInstance<RematchJobHandler>(sp)
            .HandleAsync(new RematchJob(), new JobContext(Guid.CreateVersion7(), RematchJob.Kind, 1, null), Ct));

    private static Task MatchAsync(TestDatabase database, params MediaItem[] items) =>
        database.InScopeAsync(sp => sp.GetRequiredService<MediaMatcher>().MatchAsync([.. items.Select(i => i.Sha256)], Ct));

    private static Task<(List<MediaClassification> Classifications, List<MediaMatch> Matches)> ReadAsync(TestDatabase database) =>
        database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (await db.Set<MediaClassification>().AsNoTracking().ToListAsync(Ct), await db.Set<MediaMatch>().AsNoTracking().ToListAsync(Ct));
        });

    private static async Task<Organisation> OrganisationAsync(IServiceProvider services, OrganisationKind kind)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var organisation = new Organisation { Name = $"{kind} {Guid.NewGuid():N}", Kind = kind };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        return organisation;
    }
}
