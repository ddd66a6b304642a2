using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media;
using Clearline.MediaItems;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Matching;

/// <summary>Lists, entries and media items for matching tests, stored through the same services production uses.</summary>
internal static class KnownMaterialSeed
{
    private static readonly MediaHasher Hasher = new(new MediaHashOptions { Dihedral = true });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a <c>TestDatabase</c> needs on top of its defaults to match and classify.</summary>
    public static void AddServices(IServiceCollection services)
    {
        services.AddHashLists();
        services.AddMatching();
        services.AddClassification();
    }

    /// <summary>
    /// A list whose category <c>"K"</c> maps to <paramref name="known"/> (suggestion when null). A member's list
    /// (with an <paramref name="owner"/>) is approved by the coordinator unless <paramref name="approved"/> is false.
    /// </summary>
    public static async Task<HashList> CreateListAsync(
        IServiceProvider services,
        string name,
        HashListTrust trust,
        CategoryOutcome known = CategoryOutcome.Baseline,
        Guid? owner = null,
        HashListVisibility visibility = HashListVisibility.Network,
        bool approved = true)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var mapping = new CategoryMapping(new Dictionary<string, CategoryRule> { ["K"] = new(known) });
        var list = new HashList
        {
            Approval = approved && owner is not null ? HashListApproval.Approved : HashListApproval.NotRequested,
            ApprovalMapping = approved && owner is not null ? mapping : null,
            Name = name,
            OwnerOrganisationId = owner,
            Kind = HashListKind.HotlineNetwork,
            Trust = trust,
            Visibility = visibility,
            Scheme = CategoryScheme.Custom,
            Mapping = mapping,
        };
        db.Add(list);
        await db.SaveChangesAsync(Ct);
        return list;
    }

    public static async Task<IReadOnlyList<KnownHash>> AddEntriesAsync(IServiceProvider services, params KnownHash[] entries)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await services.GetRequiredService<HashListStore>().AddAsync(entries, Ct);
        await transaction.CommitAsync(Ct);
        return entries;
    }

    public static async Task<bool> TombstoneAsync(IServiceProvider services, long entryId)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var done = await services.GetRequiredService<HashListStore>().TombstoneAsync(entryId, "false positive", null, Ct);
        await transaction.CommitAsync(Ct);
        return done;
    }

    /// <summary>An entry of <paramref name="list"/> with a PDQ hash, in category <c>"K"</c>.</summary>
    public static KnownHash PdqEntry(HashList list, string pdq, int quality = 100) =>
        new() { HashListId = list.Id, Pdq = pdq, PdqQuality = quality, Category = "K", AddedAt = DateTimeOffset.UtcNow };

    public static KnownHash Md5Entry(HashList list, string md5, string? category = "K") =>
        new() { HashListId = list.Id, Md5 = md5, Category = category, AddedAt = DateTimeOffset.UtcNow };

    /// <summary>Hashes <paramref name="bytes"/> as the crawler does and stores the item (no occurrence).</summary>
    public static async Task<MediaItem> StoreItemAsync(IServiceProvider services, byte[] bytes)
    {
        var result = Hasher.Hash(bytes);
        var item = new MediaItem
        {
            Sha256 = result.Hashes.Sha256,
            Md5 = result.Hashes.Md5,
            Sha1 = result.Hashes.Sha1,
            Pdq = result.Pdq?.Hash.ToString(),
            PdqQuality = result.Pdq?.Quality,
            PdqDihedral = result.Dihedral is { } d ? string.Concat(d.All.Skip(1).Select(h => h.ToString())) : null,
            Format = result.Image?.Format ?? MediaFormat.Unknown,
            ByteLength = result.Length,
            FirstSeenAt = DateTimeOffset.UtcNow,
        };
        var db = services.GetRequiredService<ClearlineDbContext>();
        db.Add(item);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        return item;
    }
}
