using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media.Pdq;
using Clearline.Media.Tests;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Matching;

/// <summary>
/// Lookups against the lists in the database: the ≤ 31 boundary, the quality gate, rotated and mirrored copies,
/// and entries added or tombstoned by another process counting at the next lookup.
/// </summary>
public sealed class KnownMaterialMatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Lookup_EntriesAddedAndTombstonedByAnotherProcess_CountAtTheNextLookup(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        await using var otherProcess = database.CreateServices();
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(256, 256, seed: 1)));
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "partner", HashListTrust.AutoClassify));

        Assert.Empty(await FindAsync(database.Services, item));

        var entries = await InScopeAsync(otherProcess, sp => AddEntriesAsync(sp, PdqEntry(list, item.Pdq!), Md5Entry(list, item.Md5)));
        var found = await FindAsync(database.Services, item);
        Assert.Equal([MatchedHash.Md5, MatchedHash.Pdq], found.Select(m => m.Hash));
        Assert.Equal(0, found[1].Distance);

        Assert.True(await InScopeAsync(otherProcess, sp => TombstoneAsync(sp, entries[1].Id)));
        var afterMd5Tombstone = Assert.Single(await FindAsync(database.Services, item));
        Assert.Equal(MatchedHash.Pdq, afterMd5Tombstone.Hash);

        Assert.True(await InScopeAsync(otherProcess, sp => TombstoneAsync(sp, entries[0].Id)));
        Assert.Empty(await FindAsync(database.Services, item));
        Assert.False(await InScopeAsync(otherProcess, sp => TombstoneAsync(sp, entries[0].Id)));
    }

    [Theory]
    [BothDatabases]
    public async Task Pdq_DistanceThirtyOneMatches_ThirtyTwoDoesNot_AndLowQualityNeverMatches(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var query = PdqHash.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "boundary", HashListTrust.SuggestOnly));
        var entries = await database.InScopeAsync(sp => AddEntriesAsync(
            sp,
            PdqEntry(list, FlipBits(query, 31).ToString()),
            PdqEntry(list, FlipBits(query, 32).ToString()),
            PdqEntry(list, FlipBits(query, 3).ToString(), quality: 49)));

        var found = await database.InScopeAsync(sp =>
            sp.GetRequiredService<KnownMaterialMatcher>().FindAsync([new HashQuery(Pdq: [query])], null, Ct));

        var match = Assert.Single(found[0]);
        Assert.Equal(entries[0].Id, match.Entry.Id);
        Assert.Equal(31, match.Distance);
    }

    [Theory]
    [BothDatabases]
    public async Task Pdq_ItemBelowTheQualityGate_QueriesNoPdq(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var flat = EncodeJpeg(Solid(256, 128), 256);
        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, flat));
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "flat", HashListTrust.AutoClassify));
        await database.InScopeAsync(sp => AddEntriesAsync(sp, PdqEntry(list, item.Pdq!)));

        Assert.InRange(item.PdqQuality!.Value, 0, PdqMatching.MinimumQuality - 1);
        Assert.Empty(MediaMatcher.QueryFor(item).Pdq!);
        Assert.Empty(await FindAsync(database.Services, item));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "mirrored left-right", 5)]
    [InlineData(DatabaseProvider.Sqlite, "rotated 90° counter-clockwise", 3)]
    [InlineData(DatabaseProvider.Postgres, "rotated 180°", 2)]
    public async Task Pdq_RotatedOrMirroredCopy_MatchesTheOriginalThroughItsTransform(DatabaseProvider provider, string change, int transform)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        const int Size = 512;
        using var scene = SKBitmap.Decode(BenignImages.SceneJpeg(Size, Size, seed: 21));
        var original = scene.GetPixelSpan().ToArray();
        var copy = change switch
        {
            "mirrored left-right" => Remap(original, Size, (x, y) => (Size - 1 - x, y)),
            "rotated 90° counter-clockwise" => Remap(original, Size, (x, y) => (Size - 1 - y, x)),
            _ => Remap(original, Size, (x, y) => (Size - 1 - x, Size - 1 - y)),
        };
        var stored = await database.InScopeAsync(sp => StoreItemAsync(sp, EncodeJpeg(original, Size)));
        var list = await database.InScopeAsync(sp => CreateListAsync(sp, "originals", HashListTrust.AutoClassify));
        await database.InScopeAsync(sp => AddEntriesAsync(sp, PdqEntry(list, stored.Pdq!, stored.PdqQuality!.Value)));

        var item = await database.InScopeAsync(sp => StoreItemAsync(sp, EncodeJpeg(copy, Size)));
        var match = Assert.Single(await FindAsync(database.Services, item));

        Assert.Equal(transform, match.Transform);
        Assert.InRange(match.Distance, 0, PdqMatching.DefaultThreshold);
    }

    [Theory]
    [BothDatabases]
    public async Task Lookup_DisabledListOrInvisibleList_DoesNotMatch(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: AddServices);
        var md5 = new string('a', 32);
        var police = Guid.CreateVersion7();
        var (disabled, policeOnly) = await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            db.Add(new Organisations.Organisation { Id = police, Name = "Police ZZ", Kind = Organisations.OrganisationKind.LawEnforcement, CountryCode = "ZZ" });
            await db.SaveChangesAsync(Ct);
            var off = await CreateListAsync(sp, "disabled", HashListTrust.AutoClassify);
            off.Active = false;
            db.Update(off);
            await db.SaveChangesAsync(Ct);
            return (off, await CreateListAsync(sp, "police only", HashListTrust.AutoClassify, owner: police, visibility: HashListVisibility.LawEnforcementOnly));
        });
        await database.InScopeAsync(sp => AddEntriesAsync(sp, Md5Entry(disabled, md5), Md5Entry(policeOnly, md5)));

        async Task<IReadOnlyList<KnownMatch>> AsAsync(HashListViewer? viewer) =>
            (await database.InScopeAsync(sp => sp.GetRequiredService<KnownMaterialMatcher>().FindAsync([new HashQuery(Md5: md5.ToUpperInvariant())], viewer, Ct)))[0];

        Assert.Equal(policeOnly.Id, Assert.Single(await AsAsync(null)).List.Id);
        Assert.Equal(policeOnly.Id, Assert.Single(await AsAsync(new HashListViewer(Guid.CreateVersion7(), Organisations.OrganisationKind.Interpol))).List.Id);
        Assert.Empty(await AsAsync(new HashListViewer(Guid.CreateVersion7(), Organisations.OrganisationKind.Hotline)));
    }

    private static async Task<IReadOnlyList<KnownMatch>> FindAsync(IServiceProvider services, MediaItems.MediaItem item)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<KnownMaterialMatcher>().FindAsync([MediaMatcher.QueryFor(item)], null, Ct))[0];
    }

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return await work(scope.ServiceProvider);
    }

    /// <summary><paramref name="hash"/> with its first <paramref name="count"/> bits inverted: exactly that distance away.</summary>
    internal static PdqHash FlipBits(PdqHash hash, int count)
    {
        var hex = hash.ToString().ToCharArray();
        for (var bit = 0; bit < count; bit++)
        {
            var nibble = bit / 4;
            var value = Convert.ToInt32(hex[nibble].ToString(), 16) ^ (8 >> (bit % 4));
            hex[nibble] = "0123456789abcdef"[value];
        }

        return PdqHash.Parse(new string(hex));
    }

    private static byte[] Solid(int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = 90;
            rgba[i + 1] = 120;
            rgba[i + 2] = 150;
            rgba[i + 3] = 255;
        }

        return rgba;
    }

    internal static byte[] EncodeJpeg(byte[] rgba, int size, int quality = 90) =>
        BenignImages.EncodeSkia(rgba, size, rgba.Length / 4 / size, SKEncodedImageFormat.Jpeg, quality);

    private static byte[] Remap(byte[] rgba, int size, Func<int, int, (int X, int Y)> source)
    {
        var result = new byte[rgba.Length];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (sx, sy) = source(x, y);
                rgba.AsSpan(((sy * size) + sx) * 4, 4).CopyTo(result.AsSpan(((y * size) + x) * 4));
            }
        }

        return result;
    }
}
