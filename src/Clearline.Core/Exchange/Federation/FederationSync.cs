using System.Globalization;
using System.Security.Cryptography;
using Clearline.Classification;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Exchange.Federation;

/// <summary>How a sync ended.</summary>
public enum SyncResult
{
    /// <summary>Every page the publisher had was applied.</summary>
    CaughtUp = 1,

    /// <summary>The page limit of one sync was reached with more waiting.</summary>
    MoreWaiting = 2,

    /// <summary>A page could not be fetched or was refused; the subscription records why.</summary>
    Failed = 3,

    /// <summary>The subscription is paused, or another sync applied the page first.</summary>
    Skipped = 4,

    /// <summary>The subscription no longer exists.</summary>
    Gone = 5,
}

/// <summary>What one sync did.</summary>
public sealed record SyncOutcome(SyncResult Result, int Pages, int Added, int Withdrawn);

/// <summary>
/// Follows one subscription's feed page by page from its cursor: fetches, verifies (<see cref="FeedPageReader"/>),
/// and applies each page (its entries added to the list, its withdrawals tombstoned, the cursor moved) in one
/// transaction, so a sync killed at any point resumes at the first page not applied and adds nothing twice.
/// </summary>
/// <remarks>
/// A page is claimed by moving the cursor on from the one it was asked for; a second sync of the same subscription
/// (another worker) finds the cursor moved and applies nothing. An entry already in the list (same publisher id) is
/// not added again, so a resync from the start adds only what is missing.
/// </remarks>
public sealed partial class FederationSync(
    ClearlineDbContext db,
    UnitOfWork work,
    HashListStore store,
    EventAnnouncer events,
    FeedClient client,
    FederationSecrets secrets,
    AuditTrail audit,
    IOptions<FederationOptions> options,
    TimeProvider time,
    ILogger<FederationSync> logger)
{
    public const string WithdrawnReason = "Withdrawn by the publisher's federation feed.";

    public async Task<SyncOutcome> SyncAsync(Guid subscriptionId, CancellationToken ct)
    {
        int pages = 0, added = 0, withdrawn = 0;
        while (pages < options.Value.MaxPagesPerSync)
        {
            var subscription = await db.Set<FederationSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
            if (subscription is null)
            {
                return new SyncOutcome(SyncResult.Gone, pages, added, withdrawn);
            }

            if (subscription.State == SubscriptionState.Paused || !FeedCursor.TryParse(subscription.Cursor, out var cursor))
            {
                return new SyncOutcome(SyncResult.Skipped, pages, added, withdrawn);
            }

            FeedPage page;
            try
            {
                page = await FetchAsync(subscription, cursor, ct);
            }
            catch (FeedException failure)
            {
                await RecordFailureAsync(subscription, failure.Message, ct);
                return new SyncOutcome(SyncResult.Failed, pages, added, withdrawn);
            }

            var applied = await ApplyAsync(subscription, cursor, page, ct);
            if (applied is null)
            {
                return new SyncOutcome(SyncResult.Skipped, pages, added, withdrawn);
            }

            pages++;
            added += applied.Value.Added;
            withdrawn += applied.Value.Withdrawn;
            if (!page.HasMore)
            {
                return new SyncOutcome(SyncResult.CaughtUp, pages, added, withdrawn);
            }
        }

        return new SyncOutcome(SyncResult.MoreWaiting, pages, added, withdrawn);
    }

    private async Task<FeedPage> FetchAsync(FederationSubscription subscription, FeedCursor cursor, CancellationToken ct)
    {
        string apiKey;
        try
        {
            apiKey = secrets.OpenApiKey(subscription);
        }
        catch (CryptographicException ex)
        {
            throw new FeedException("The API key for the feed cannot be opened (its key-encryption key is no longer configured); set it again.", ex);
        }

        var body = await client.GetPageAsync(new Uri(subscription.FeedUrl), cursor, apiKey, ct);
        return FeedPageReader.Read(body, subscription.PublicKeyPem, subscription.PublicKeyFingerprint, cursor);
    }

    private async Task<(int Added, int Withdrawn)?> ApplyAsync(FederationSubscription subscription, FeedCursor cursor, FeedPage page, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var now = time.GetUtcNow();
        var asked = cursor.ToString();
        var claimed = await db.Set<FederationSubscription>()
            .Where(s => s.Id == subscription.Id && s.Cursor == asked && s.State != SubscriptionState.Paused)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Cursor, page.Next), ct);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }

        var fresh = await FreshEntriesAsync(subscription, page.Entries, ct);
        var added = await store.AddAsync(subscription.HashListId, [.. fresh.Select(f => f.Entry)], ct);
        db.AddRange(fresh.Zip(added, (f, row) => new FederatedEntry { SubscriptionId = subscription.Id, PublisherEntryId = f.PublisherId, KnownHashId = row.Id }));
        var withdrawn = 0;
        foreach (var entryId in await LiveEntriesAsync(subscription.Id, page.Withdrawals.Select(w => w.Id).ToList(), ct))
        {
            withdrawn += await store.TombstoneAsync(entryId, WithdrawnReason, null, ct) ? 1 : 0;
        }

        if (fresh.Count > 0)
        {
            await events.AnnounceAsync(new HashListChanged(subscription.HashListId), ct);
        }

        await db.Set<FederationSubscription>().Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.EntriesReceived, x => x.EntriesReceived + fresh.Count)
            .SetProperty(x => x.WithdrawalsReceived, x => x.WithdrawalsReceived + withdrawn)
            .SetProperty(x => x.LastSyncAt, now)
            .SetProperty(x => x.CaughtUpAt, x => page.HasMore ? x.CaughtUpAt : page.PublishedAt)
            .SetProperty(x => x.State, SubscriptionState.Active)
            .SetProperty(x => x.LastError, (string?)null)
            .SetProperty(x => x.UpdatedAt, now), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (fresh.Count, withdrawn);
    }

    /// <summary>
    /// The page's entries that the subscription has not received yet, as list entries: the verdict's name as category,
    /// and the decision's jurisdiction, age group, gender and flags, which an automatic decision on the entry takes.
    /// </summary>
    private async Task<List<(long PublisherId, HashListEntry Entry)>> FreshEntriesAsync(
        FederationSubscription subscription, IReadOnlyList<FeedEntry> entries, CancellationToken ct)
    {
        var ids = entries.Select(e => e.Id).Distinct().ToList();
        var held = ids.Count == 0
            ? []
            : (await db.Set<FederatedEntry>().AsNoTracking()
                .Where(f => f.SubscriptionId == subscription.Id && ids.Contains(f.PublisherEntryId))
                .Select(f => f.PublisherEntryId)
                .ToListAsync(ct)).ToHashSet();

        // The page was checked (FeedEntryCheck): a PDQ given is 64 lower-case hex digits.
        return [.. entries.Where(e => !held.Contains(e.Id)).DistinctBy(e => e.Id).Select(e => (e.Id, new HashListEntry(
            e.Md5, e.Sha1, e.Sha256, e.Pdq is null ? null : PdqHash.Parse(e.Pdq), e.Pdq is null ? null : e.PdqQuality, PhotoDna: null,
            Category: e.Verdict.ToString(), SourceId: e.Id.ToString(CultureInfo.InvariantCulture))
        {
            Vpdq = e.Vpdq, Jurisdiction = e.Jurisdiction, AgeGroup = e.AgeGroup, Gender = e.Gender, Flags = FlagsOf(e.Flags),
        }))];
    }

    /// <summary>The flags named, less names this version does not know (a newer publisher's): they are left out, not refused.</summary>
    private static ContentFlags FlagsOf(IReadOnlyList<string> names)
    {
        var flags = ContentFlags.None;
        foreach (var name in names)
        {
            if (Enum.TryParse<ContentFlags>(name, ignoreCase: false, out var flag) && Enum.IsDefined(flag))
            {
                flags |= flag;
            }
        }

        return flags;
    }

    /// <summary>The live list entries that the publisher's entries <paramref name="publisherIds"/> became.</summary>
    private async Task<List<long>> LiveEntriesAsync(Guid subscriptionId, List<long> publisherIds, CancellationToken ct) =>
        publisherIds.Count == 0
            ? []
            : await (from f in db.Set<FederatedEntry>().AsNoTracking()
                     join h in db.Set<KnownHash>().AsNoTracking() on f.KnownHashId equals h.Id
                     where f.SubscriptionId == subscriptionId && publisherIds.Contains(f.PublisherEntryId) && h.TombstonedAt == null
                     select h.Id).ToListAsync(ct);

    private async Task RecordFailureAsync(FederationSubscription subscription, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var error = message.Length > FederationSubscriptions.MaxErrorLength ? message[..FederationSubscriptions.MaxErrorLength] : message;
        await using var transaction = await work.BeginAsync(ct);
        await db.Set<FederationSubscription>().Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, x => x.State == SubscriptionState.Paused ? SubscriptionState.Paused : SubscriptionState.Failing)
            .SetProperty(x => x.LastError, error)
            .SetProperty(x => x.LastErrorAt, now)
            .SetProperty(x => x.UpdatedAt, now), ct);
        if (message.StartsWith(FeedPageReader.RefusalPrefix, StringComparison.Ordinal))
        {
            // A refused page may be an attack on the feed: it is on record, not only in the subscription's state.
            await audit.AppendAsync(new AuditEvent(AuditAction.FederationPageRefused, AuditActor.System, subscription.OrganisationId,
                $"federation-subscription:{subscription.Id:D}", Detail: $"cursor={subscription.Cursor}"), ct);
        }

        await transaction.CommitAsync(ct);
        LogFailed(logger, subscription.Id, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation subscription {SubscriptionId} did not sync: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid subscriptionId, string reason);
}
