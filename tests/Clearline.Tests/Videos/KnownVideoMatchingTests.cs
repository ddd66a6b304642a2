using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media.Video;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Videos;

/// <summary>
/// Known videos in the lists are met through <see cref="KnownVideoIndex"/> with exactly the percentages of
/// <see cref="VpdqMatcher.Compare"/>, and entries added or tombstoned by another process count at the next lookup.
/// </summary>
public sealed class KnownVideoMatchingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Lookup_KnownVideosMatchWithTheMatchersPercentages_AddedAndTombstonedEntriesCountAtTheNextLookup(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        await using var otherProcess = database.CreateServices();
        var greyBar = Reference("pattern-sd-grey-bar.every-frame.txt");
        var doorknob = Reference("doorknob-hd-no-bar.every-frame.txt");
        var query = VpdqText.ParseReferenceLines(Reference("pattern-sd-grey-bar.1-per-second.txt"));
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "videos", HashListTrust.AutoClassify));

        Assert.Empty(await FindAsync(database.Services, query));

        var entries = await InScopeAsync(otherProcess, sp => AddEntriesAsync(sp, VideoEntry(list, greyBar), VideoEntry(list, doorknob)));
        var match = Assert.Single(await FindAsync(database.Services, query));
        Assert.Equal((entries[0].Id, MatchedHash.Vpdq, list.Id), (match.Entry.Id, match.Hash, match.List.Id));
        Assert.Equal(VpdqMatcher.Compare(query, VpdqText.ParseReferenceLines(greyBar)), match.Video);
        Assert.Equal(100, match.Video!.Value.QueryPercent);
        Assert.False(match.IsExact);

        Assert.True(await InScopeAsync(otherProcess, sp => TombstoneAsync(sp, entries[0].Id)));
        Assert.Empty(await FindAsync(database.Services, query));
    }

    private static string Reference(string name) => File.ReadAllText(TestDataFolder.Combine("vpdq", "reference-output", name));

    private static KnownHash VideoEntry(HashList list, string vpdq) =>
        new() { HashListId = list.Id, Vpdq = vpdq, Category = "K", AddedAt = DateTimeOffset.UtcNow };

    private static async Task<IReadOnlyList<KnownMatch>> FindAsync(IServiceProvider services, IReadOnlyList<VpdqFeature> query)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<KnownMaterialMatcher>().FindAsync([new HashQuery(Vpdq: query)], null, Ct))[0];
    }

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
