using System.Security.Cryptography;
using System.Text;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media;
using Clearline.MediaItems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Management;

/// <summary>
/// Writes lists, entries, media items, matches and classifications straight into the database, as the import,
/// the matcher and the classifier would leave them. Hashes are derived from a label: benign, unique, repeatable.
/// </summary>
public static class HashListSeed
{
    public static string Hex(string label, int bytes) =>
        Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(label)))[..(bytes * 2)];

    public static async Task<HashList> AddListAsync(IServiceProvider services, Guid? owner, HashListVisibility visibility, string? name = null)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var list = new HashList
        {
            Name = name ?? $"list {Guid.NewGuid():N}",
            OwnerOrganisationId = owner,
            Kind = HashListKind.HotlineNetwork,
            Trust = HashListTrust.SuggestOnly,
            Visibility = visibility,
            Scheme = CategoryScheme.VicsUs,
            Mapping = CategoryMapping.Default(CategoryScheme.VicsUs),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(list);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return list;
    }

    /// <summary>Adds entries through the store, in a transaction, as an import does.</summary>
    public static async Task<IReadOnlyList<KnownHash>> AddEntriesAsync(IServiceProvider services, Guid listId, int count)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var entries = Enumerable.Range(0, count).Select(i => new KnownHash
        {
            HashListId = listId,
            Md5 = Hex($"{listId} {i}", 16),
            Sha256 = Hex($"{listId} {i} sha", 32),
            Category = "1",
            SourceId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AddedAt = DateTimeOffset.UtcNow,
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await services.GetRequiredService<HashListStore>().AddAsync(entries, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return entries;
    }

    public static async Task<MediaItem> AddMediaAsync(IServiceProvider services, string label, bool withPdq = true)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var item = new MediaItem
        {
            Sha256 = Hex(label + " sha256", 32),
            Md5 = Hex(label + " md5", 16),
            Sha1 = Hex(label + " sha1", 20),
            Pdq = withPdq ? Hex(label + " pdq", 32) : null,
            PdqQuality = withPdq ? 90 : null,
            Format = MediaFormat.Png,
            Width = 64,
            Height = 64,
            ByteLength = 1234,
            FirstSeenAt = DateTimeOffset.UtcNow,
        };
        db.Add(item);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return item;
    }

    public static async Task<MediaMatch> AddMatchAsync(IServiceProvider services, KnownHash entry, MatchReview review = MatchReview.Unreviewed)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var item = await AddMediaAsync(services, $"matched {Guid.NewGuid():N}");
        var match = new MediaMatch
        {
            MediaSha256 = item.Sha256,
            HashListId = entry.HashListId,
            KnownHashId = entry.Id,
            Hash = MatchedHash.Md5,
            Outcome = MatchOutcome.Suggested,
            MatchedAt = DateTimeOffset.UtcNow,
            Review = review,
        };
        db.Add(match);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return match;
    }

    public static async Task<MediaClassification> ClassifyAsync(
        IServiceProvider services, MediaItem item, Verdict verdict, DateTimeOffset at, string? jurisdiction = null,
        ContentFlags flags = ContentFlags.None, bool superseded = false)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var classification = new MediaClassification
        {
            MediaSha256 = item.Sha256,
            Verdict = verdict,
            Jurisdiction = jurisdiction,
            Flags = flags,
            Source = ClassificationSource.Analyst,
            ClassifiedAt = at,
            SupersededAt = superseded ? at.AddMinutes(1) : null,
        };
        db.Add(classification);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return classification;
    }

    public static Task<int> CountAuditAsync(IServiceProvider services, AuditAction action, string target) =>
        services.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().CountAsync(e => e.Action == action && e.Target == target, TestContext.Current.CancellationToken);
}
