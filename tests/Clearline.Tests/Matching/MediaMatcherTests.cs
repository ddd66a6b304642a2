using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media.Tests;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Tests.Classification;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Matching;

/// <summary>
/// What a match does at ingest: a trusted list classifies with its provenance, a suggest-only list and a distant
/// match suggest, lists that disagree leave it to a person, a tombstone withdraws the decision, and the network's
/// own classifications match copies of what analysts decided.
/// </summary>
public sealed class MediaMatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Match_TrustedListClassifiesWithProvenance_SuggestOnlyListSuggests_RunningTwiceChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var known = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(256, 256, seed: 2)));
        var suggested = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(256, 256, seed: 3)));
        var trusted = await database.InScopeAsync(sp => CreateListAsync(sp, "trusted", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal));
        var hints = await database.InScopeAsync(sp => CreateListAsync(sp, "hints", HashListTrust.SuggestOnly, CategoryOutcome.Baseline));
        var entries = await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(trusted, known.Md5), PdqEntry(hints, suggested.Pdq!)));

        await MatchAsync(database, known, suggested);
        await MatchAsync(database, known, suggested);

        var (classifications, matches) = await ReadAsync(database);
        var classification = Assert.Single(classifications);
        Assert.Equal((known.Sha256, Verdict.NotIllegal, ClassificationSource.KnownMaterial), (classification.MediaSha256, classification.Verdict, classification.Source));
        Assert.Equal((trusted.Id, entries[0].Id), (classification.HashListId, classification.KnownHashId));
        Assert.Null(classification.Jurisdiction);
        Assert.Equal(2, matches.Count);
        var classifying = matches.Single(m => m.Id == classification.MatchId);
        Assert.Equal((MatchedHash.Md5, 0, MatchOutcome.Classified), (classifying.Hash, classifying.Distance, classifying.Outcome));
        var suggestion = matches.Single(m => m.MediaSha256 == suggested.Sha256);
        Assert.Equal((hints.Id, MatchedHash.Pdq, MatchOutcome.Suggested), (suggestion.HashListId, suggestion.Hash, suggestion.Outcome));
    }

    [Theory]
    [BothDatabases]
    public async Task Match_BeyondTheExactEnoughDistance_OnlySuggests(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(256, 256, seed: 4)));
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "trusted", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal));
        var near = KnownMaterialMatcherTests.FlipBits(Media.Pdq.PdqHash.Parse(item.Pdq!), 10).ToString();
        var far = KnownMaterialMatcherTests.FlipBits(Media.Pdq.PdqHash.Parse(item.Pdq!), 11).ToString();
        var other = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(256, 256, seed: 5)));
        var farFromOther = KnownMaterialMatcherTests.FlipBits(Media.Pdq.PdqHash.Parse(other.Pdq!), 11).ToString();
        await database.InScopeAsync(sp => AddEntriesAsync(sp, PdqEntry(list, near), PdqEntry(list, farFromOther)));

        await MatchAsync(database, item, other);

        var (classifications, matches) = await ReadAsync(database);
        Assert.Equal(item.Sha256, Assert.Single(classifications).MediaSha256);
        Assert.Equal((10, MatchOutcome.Classified), matches.Where(m => m.MediaSha256 == item.Sha256).Select(m => (m.Distance, m.Outcome)).Single());
        Assert.Equal((11, MatchOutcome.Suggested), matches.Where(m => m.MediaSha256 == other.Sha256).Select(m => (m.Distance, m.Outcome)).Single());
        Assert.NotEqual(far, near);
    }

    [Theory]
    [BothDatabases]
    public async Task Match_ListsThatDisagree_ClassifyNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 6)));
        var illegal = await database.InScopeAsync(sp => CreateListAsync(sp, "says baseline", HashListTrust.AutoClassify, CategoryOutcome.Baseline));
        var legal = await database.InScopeAsync(sp => CreateListAsync(sp, "says not illegal", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal));
        await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(illegal, item.Md5), Md5Entry(legal, item.Md5)));

        await MatchAsync(database, item);

        var (classifications, matches) = await ReadAsync(database);
        Assert.Empty(classifications);
        Assert.All(matches, m => Assert.Equal(MatchOutcome.Suggested, m.Outcome));
        Assert.Equal(2, matches.Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Match_NationalVerdict_TakesTheOwnersCountry_AndWithoutOneOnlySuggests(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var police = await database.InScopeAsync(sp => CreateOrganisationAsync(sp, "Police ZZ", OrganisationKind.LawEnforcement, "ZZ"));
        var coordinator = await database.InScopeAsync(sp => CreateOrganisationAsync(sp, "Coordinator", OrganisationKind.Coordinator, null));
        var national = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 7)));
        var stateless = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 8)));
        var policeList = await database.InScopeAsync(sp => CreateListAsync(sp, "police", HashListTrust.AutoClassify, CategoryOutcome.National, police.Id));
        var coordinatorList = await database.InScopeAsync(sp => CreateListAsync(sp, "coordinator", HashListTrust.AutoClassify, CategoryOutcome.National, coordinator.Id));
        await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(policeList, national.Md5), Md5Entry(coordinatorList, stateless.Md5)));

        await MatchAsync(database, national, stateless);

        var (classifications, matches) = await ReadAsync(database);
        var classification = Assert.Single(classifications);
        Assert.Equal((national.Sha256, Verdict.National, "ZZ"), (classification.MediaSha256, classification.Verdict, classification.Jurisdiction));
        Assert.Equal(MatchOutcome.Suggested, matches.Single(m => m.MediaSha256 == stateless.Sha256).Outcome);
    }

    [Theory]
    [BothDatabases]
    public async Task Tombstone_WithdrawsTheAutomaticDecisionThatRestedOnIt_AndTheEntryNoLongerMatches(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 9)));
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "trusted", HashListTrust.AutoClassify, CategoryOutcome.Baseline));
        var entry = (await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(list, item.Md5))))[0];
        await MatchAsync(database, item);

        Assert.True(await database.InScopeAsync(sp => TombstoneAsync(sp, entry.Id)));

        var (classifications, _) = await ReadAsync(database);
        var withdrawn = Assert.Single(classifications);
        Assert.NotNull(withdrawn.SupersededAt);
        Assert.Contains("tombstoned", withdrawn.WithdrawnReason, StringComparison.Ordinal);
        var found = await database.InScopeAsync(sp => sp.GetRequiredService<KnownMaterialMatcher>().FindAsync([MediaMatcher.QueryFor(item)], null, Ct));
        Assert.Empty(found[0]);
    }

    [Theory]
    [BothDatabases]
    public async Task NetworkList_AnAnalystsBaseline_ClassifiesARecompressedCopy_AndIsFinalForOtherHotlines(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var first = await database.InScopeAsync(sp => CreateOrganisationAsync(sp, "Hotline ZZ", OrganisationKind.Hotline, "ZZ"));
        var second = await database.InScopeAsync(sp => CreateOrganisationAsync(sp, "Hotline XA", OrganisationKind.Hotline, "XA"));
        using var scene = SkiaSharp.SKBitmap.Decode(BenignImages.SceneJpeg(256, 256, seed: 10));
        var rgba = scene.GetPixelSpan().ToArray();
        var original = await database.InScopeAsync(sp => StoreItemAsync(sp, KnownMaterialMatcherTests.EncodeJpeg(rgba, 256, quality: 95)));
        var copy = await database.InScopeAsync(sp => StoreItemAsync(sp, KnownMaterialMatcherTests.EncodeJpeg(rgba, 256, quality: 60)));

        await database.InScopeAsync(sp => FoundSeed.FoundAsync(sp, first.Id, original.Sha256));
        await database.InScopeAsync(sp => FoundSeed.FoundAsync(sp, second.Id, original.Sha256));
        var decision = await database.InScopeAsync(sp => sp.GetRequiredService<Classifier>()
            .ClassifyAsync(new ClassifyRequest(original.Sha256, Verdict.Baseline, AgeGroup.PrePubescent), new Assessor(first.Id, "ZZ", Guid.CreateVersion7()), Ct));
        await MatchAsync(database, copy);

        var (classifications, matches) = await ReadAsync(database);
        var automatic = classifications.Single(c => c.MediaSha256 == copy.Sha256);
        Assert.Equal((Verdict.Baseline, HashList.NetworkListId, ClassificationSource.KnownMaterial), (automatic.Verdict, automatic.HashListId, automatic.Source));
        var match = Assert.Single(matches);
        Assert.Equal(MatchedHash.Pdq, match.Hash);
        Assert.InRange(match.Distance, 0, 10);

        var refused = await database.InScopeAsync(sp => sp.GetRequiredService<Classifier>()
            .ClassifyAsync(new ClassifyRequest(original.Sha256, Verdict.NotIllegal, ExpectedCurrentId: decision.Value!.Id), new Assessor(second.Id, "XA", Guid.CreateVersion7()), Ct));
        Assert.Equal(decision.Value!.Id, Assert.IsType<ClassificationRefused>(refused.Error).FinalClassificationId);
    }

    [Theory]
    [BothDatabases]
    public async Task NetworkList_AChangedDecision_ReplacesItsEntry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var hotline = await database.InScopeAsync(sp => CreateOrganisationAsync(sp, "Hotline ZZ", OrganisationKind.Hotline, "ZZ"));
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 11)));
        var assessor = new Assessor(hotline.Id, "ZZ", Guid.CreateVersion7());
        await database.InScopeAsync(sp => FoundSeed.FoundAsync(sp, hotline.Id, item.Sha256));

        var national = await database.InScopeAsync(sp => sp.GetRequiredService<Classifier>().ClassifyAsync(new ClassifyRequest(item.Sha256, Verdict.National), assessor, Ct));
        await database.InScopeAsync(sp => sp.GetRequiredService<Classifier>().ClassifyAsync(new ClassifyRequest(item.Sha256, Verdict.Baseline, ExpectedCurrentId: national.Value!.Id), assessor, Ct));

        var entries = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<KnownHash>()
            .Where(h => h.HashListId == HashList.NetworkListId).OrderBy(h => h.Id).ToListAsync(Ct));
        Assert.Equal(["National", "Baseline"], entries.Select(e => e.Category));
        Assert.NotNull(entries[0].TombstonedAt);
        Assert.Null(entries[1].TombstonedAt);
        var (classifications, _) = await ReadAsync(database);
        Assert.Equal(Verdict.Baseline, Assert.Single(classifications, c => c.SupersededAt is null).Verdict);
    }

    [Theory]
    [BothDatabases]
    public async Task Rematch_AListImportedLater_ClassifiesTheItemsAlreadyWaiting(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var waiting = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 12)));
        await MatchAsync(database, waiting);
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "imported later", HashListTrust.AutoClassify, CategoryOutcome.NotIllegal));
        await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(list, waiting.Md5)));

        await database.InScopeAsync(sp => ActivatorUtilities.CreateInstance<RematchJobHandler>(sp)
            .HandleAsync(new RematchJob(), new Clearline.Jobs.JobContext(Guid.CreateVersion7(), RematchJob.Kind, 1, null), Ct));

        var (classifications, _) = await ReadAsync(database);
        var classification = Assert.Single(classifications);
        Assert.Equal((waiting.Sha256, list.Id), (classification.MediaSha256, classification.HashListId));
    }

    private static Task MatchAsync(TestDatabase database, params MediaItem[] items) =>
        database.InScopeAsync(sp => sp.GetRequiredService<MediaMatcher>().MatchAsync([.. items.Select(i => i.Sha256)], Ct));

    private static Task<(List<MediaClassification> Classifications, List<MediaMatch> Matches)> ReadAsync(TestDatabase database) =>
        database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (await db.Set<MediaClassification>().ToListAsync(Ct), await db.Set<MediaMatch>().ToListAsync(Ct));
        });

    private static async Task<Organisation> CreateOrganisationAsync(IServiceProvider services, string name, OrganisationKind kind, string? country)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var organisation = new Organisation { Name = name, Kind = kind, CountryCode = country };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        return organisation;
    }
}
