using System.Globalization;
using Clearline.Evidence;
using Clearline.HashLists;
using Clearline.Tenancy;

namespace Clearline.Exchange.Federation;

/// <summary>A new subscription: which of the organisation's lists receives the feed, where the feed is, its key, and the API key for it.</summary>
public sealed record NewSubscription(Guid HashListId, string? FeedUrl, string? PublicKeyPem, string? ApiKey);

/// <summary>A change to a subscription (the publisher moved, rotated its key, or issued a new API key); what is null stays.</summary>
public sealed record SubscriptionChange(string? FeedUrl, string? PublicKeyPem, string? ApiKey);

/// <summary>
/// Creates, lists, changes, pauses, resumes, resyncs and deletes an organisation's subscriptions to other instances'
/// feeds. Every change is audited; a subscription is seen and changed by its own organisation only.
/// </summary>
/// <remarks>
/// Another organisation's subscription answers not found, exactly like one that does not exist (the tenant filter
/// already hides it). A subscription feeds a list its organisation owns: a list it merely sees belongs to someone
/// else, and the network's own list is Clearline's. The list holds that feed only: it must be empty when the
/// subscription is made, so what a withdrawal names is always something the feed brought.
/// </remarks>
public sealed class FederationSubscriptions(
    ClearlineDbContext db, UnitOfWork work, FederationSecrets secrets, FederationSchedule schedule, HashListDirectory lists, AuditTrail audit, TimeProvider time)
{
    public const int MaxUrlLength = 2000;
    public const int MaxErrorLength = 1000;
    public const int MaxApiKeyLength = 500;

    public async Task<Result<FederationSubscription>> CreateAsync(NewSubscription request, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var badUrl = ValidateUrl(request.FeedUrl, out var feedUrl);
        var badKey = ValidateKey(request.PublicKeyPem, out var fingerprint);
        if ((badUrl ?? badKey ?? ValidateApiKey(request.ApiKey)) is { } invalid)
        {
            return invalid;
        }

        var list = await db.Set<HashList>().AsNoTracking().Where(HashListAccess.VisibleTo(HashListViewer.For(caller)))
            .FirstOrDefaultAsync(l => l.Id == request.HashListId, ct);
        if (list is null)
        {
            return new NotFoundError("No such hash list.");
        }

        if (list.OwnerOrganisationId != caller.OrganisationId)
        {
            return new RefusedError("A subscription feeds a list of the organisation's own; this list is managed by another.");
        }

        if (list.Scheme != CategoryScheme.Clearline)
        {
            return new InvalidError("hashListId", "must be a list in the Clearline scheme: a feed's categories are Clearline's verdict names.");
        }

        if (await db.Set<FederationSubscription>().AnyAsync(s => s.HashListId == list.Id, ct))
        {
            return new ConflictError("The list already follows a feed; one list follows one feed.");
        }

        if (await db.Set<KnownHash>().AnyAsync(h => h.HashListId == list.Id, ct))
        {
            return new ConflictError("The list already holds entries; a feed is followed into a new, empty list of its own.");
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        var sealedKey = secrets.SealApiKey(id, request.ApiKey!.Trim());
        var subscription = new FederationSubscription
        {
            Id = id,
            OrganisationId = caller.OrganisationId,
            HashListId = list.Id,
            FeedUrl = feedUrl!.ToString(),
            PublicKeyPem = request.PublicKeyPem!.Trim(),
            PublicKeyFingerprint = fingerprint!,
            ApiKeyKeyId = sealedKey.KeyId,
            ApiKeyWrappedKey = sealedKey.WrappedKey,
            ApiKeySealed = sealedKey.Sealed,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await work.BeginAsync(ct);
        db.Add(subscription);
        await db.SaveChangesAsync(ct);
        await schedule.EnsureQueuedAsync(subscription.Id, now, excluding: null, ct);
        await audit.AppendAsync(Event(AuditAction.FederationSubscriptionCreated, caller, subscription,
            $"list={list.Id:D};host={feedUrl.Host};key={InstanceSigningKey.IdOf(fingerprint!)}"), ct);
        await transaction.CommitAsync(ct);
        return subscription;
    }

    /// <summary>The organisation's subscriptions, newest first.</summary>
    public async Task<IReadOnlyList<FederationSubscription>> ListAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await db.Set<FederationSubscription>().AsNoTracking()
            .Where(s => s.OrganisationId == caller.OrganisationId)
            .OrderByDescending(s => s.Id)
            .ToListAsync(ct);
    }

    public async Task<FederationSubscription?> FindAsync(Guid id, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await db.Set<FederationSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == caller.OrganisationId, ct);
    }

    /// <summary>Stops fetching until resumed; what was received stays and keeps matching.</summary>
    public Task<Result<FederationSubscription>> PauseAsync(Guid id, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, caller, AuditAction.FederationSubscriptionPaused, s => s.State = SubscriptionState.Paused, syncNow: false, ct);

    /// <summary>Fetches again, at once, from where it stopped.</summary>
    public Task<Result<FederationSubscription>> ResumeAsync(Guid id, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, caller, AuditAction.FederationSubscriptionResumed, s => s.State = SubscriptionState.Active, syncNow: true, ct);

    /// <summary>
    /// Reads the feed again from its start, at once: entries the list holds are not added twice, withdrawals are
    /// applied again, and entries the publisher has withdrawn meanwhile are not sent live. A paused subscription stays paused.
    /// </summary>
    public Task<Result<FederationSubscription>> ResyncAsync(Guid id, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, caller, AuditAction.FederationSubscriptionResynced, s =>
        {
            s.Cursor = FeedCursor.Start.ToString();
            s.CaughtUpAt = null;
        }, syncNow: true, ct);

    /// <summary>
    /// Changes where the feed is, the pinned key or the API key; what is left out stays. The cursor stays too (the same
    /// publisher, moved or with a new key); a resync reads the feed again from its start. A sync follows at once.
    /// </summary>
    public async Task<Result<FederationSubscription>> UpdateAsync(Guid id, SubscriptionChange change, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        Uri? feedUrl = null;
        string? fingerprint = null;
        var invalid = (change.FeedUrl is null ? null : ValidateUrl(change.FeedUrl, out feedUrl))
            ?? (change.PublicKeyPem is null ? null : ValidateKey(change.PublicKeyPem, out fingerprint))
            ?? (change.ApiKey is null ? null : ValidateApiKey(change.ApiKey));
        if (invalid is not null)
        {
            return invalid;
        }

        var changed = new List<string>(3);
        if (feedUrl is not null)
        {
            changed.Add("feedUrl");
        }

        if (fingerprint is not null)
        {
            changed.Add("publicKey");
        }

        if (change.ApiKey is not null)
        {
            changed.Add("apiKey");
        }

        return await ChangeAsync(id, caller, AuditAction.FederationSubscriptionChanged, s =>
        {
            if (feedUrl is not null)
            {
                s.FeedUrl = feedUrl.ToString();
            }

            if (fingerprint is not null)
            {
                s.PublicKeyPem = change.PublicKeyPem!.Trim();
                s.PublicKeyFingerprint = fingerprint;
            }

            if (change.ApiKey is not null)
            {
                var sealedKey = secrets.SealApiKey(s.Id, change.ApiKey.Trim());
                s.ApiKeyKeyId = sealedKey.KeyId;
                s.ApiKeyWrappedKey = sealedKey.WrappedKey;
                s.ApiKeySealed = sealedKey.Sealed;
            }
        }, syncNow: true, ct, $"changed={(changed.Count == 0 ? "nothing" : string.Join(',', changed))}");
    }

    /// <summary>
    /// Stops following the feed. The list keeps what it received, but no withdrawal can reach it any more: a list that
    /// classified automatically is set to suggest only, so nothing is decided on its own from knowledge that can no
    /// longer be kept current (its owner may set it back knowingly).
    /// </summary>
    public async Task<Result<FederationSubscription>> DeleteAsync(Guid id, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var transaction = await work.BeginAsync(ct);
        var subscription = await db.Set<FederationSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == caller.OrganisationId, ct);
        if (subscription is null)
        {
            return new NotFoundError("No such subscription.");
        }

        var trust = await db.Set<HashList>().Where(l => l.Id == subscription.HashListId).Select(l => l.Trust).FirstAsync(ct);
        if (trust == HashListTrust.AutoClassify)
        {
            var suggesting = await lists.UpdateAsync(subscription.HashListId, new HashListChanges(Trust: HashListTrust.SuggestOnly), HashListCaller.For(caller), ct);
            if (!suggesting.IsSuccess)
            {
                return suggesting.Error;
            }

            trust = HashListTrust.SuggestOnly;
        }

        var entries = await db.Set<FederatedEntry>().Where(e => e.SubscriptionId == id).ExecuteDeleteAsync(ct);
        await db.Set<FederationSubscription>().Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await audit.AppendAsync(Event(AuditAction.FederationSubscriptionDeleted, caller, subscription,
            string.Create(CultureInfo.InvariantCulture, $"list={subscription.HashListId:D};entries={entries};trust={trust}")), ct);
        await transaction.CommitAsync(ct);
        return subscription;
    }

    private async Task<Result<FederationSubscription>> ChangeAsync(
        Guid id, Caller caller, AuditAction action, Action<FederationSubscription> change, bool syncNow, CancellationToken ct, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var transaction = await work.BeginAsync(ct);
        var subscription = await db.Set<FederationSubscription>().FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == caller.OrganisationId, ct);
        if (subscription is null)
        {
            return new NotFoundError("No such subscription.");
        }

        var now = time.GetUtcNow();
        change(subscription);
        subscription.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        if (syncNow)
        {
            await schedule.EnsureQueuedAsync(subscription.Id, now, excluding: null, ct);
        }

        await audit.AppendAsync(Event(action, caller, subscription, detail ?? $"state={subscription.State};cursor={subscription.Cursor}"), ct);
        await transaction.CommitAsync(ct);
        return subscription;
    }

    private static InvalidError? ValidateUrl(string? value, out Uri? feedUrl) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out feedUrl) && feedUrl.Scheme is "https" or "http"
            && value!.Length <= MaxUrlLength && string.IsNullOrEmpty(feedUrl.UserInfo) && string.IsNullOrEmpty(feedUrl.Fragment)
            ? null
            : new InvalidError("feedUrl", "must be the publisher's feed address, an absolute http or https URL without user name or fragment (e.g. https://network.example/api/v1/federation/feed).");

    private static InvalidError? ValidateKey(string? pem, out string? fingerprint)
    {
        fingerprint = string.IsNullOrWhiteSpace(pem) || pem.Length > 1000 ? null : InstanceSigningKey.FingerprintOf(pem.Trim());
        return fingerprint is not null
            ? null
            : new InvalidError("publicKeyPem", "must be the publisher's ECDSA P-256 public key in PEM (-----BEGIN PUBLIC KEY-----), as its GET /api/v1/federation/publisher shows.");
    }

    private static InvalidError? ValidateApiKey(string? apiKey) =>
        string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > MaxApiKeyLength
            ? new InvalidError("apiKey", "must be an API key the publisher issued with the federation:feed scope.")
            : null;

    private static AuditEvent Event(AuditAction action, Caller caller, FederationSubscription subscription, string detail) =>
        new(action, caller.Actor, caller.OrganisationId, $"federation-subscription:{subscription.Id:D}", Detail: detail);
}
