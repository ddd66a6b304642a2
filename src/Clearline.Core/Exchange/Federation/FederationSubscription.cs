using Clearline.HashLists;
using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Exchange.Federation;

/// <summary>Where a subscription stands.</summary>
public enum SubscriptionState
{
    /// <summary>Synced on schedule; the last attempt succeeded (or none was made yet).</summary>
    Active = 1,

    /// <summary>The last attempt failed (<see cref="FederationSubscription.LastError"/>); the next one is on schedule.</summary>
    Failing = 2,

    /// <summary>An administrator paused it: nothing is fetched until it is resumed.</summary>
    Paused = 3,
}

/// <summary>
/// Another Clearline instance's feed, followed into one of the subscriber's hash lists: where it is, the publisher's
/// pinned public key, the subscriber's API key for it (sealed), and how far it has been read.
/// </summary>
/// <remarks>
/// The list is an ordinary list of its owner (kind, trust, visibility and mapping as any), so what the publisher
/// decided classifies or suggests under the subscriber's own rules. A feed entry becomes a <see cref="KnownHash"/>
/// (the publisher's entry id as its <see cref="KnownHash.SourceId"/>), recorded as a <see cref="FederatedEntry"/>.
/// </remarks>
public sealed class FederationSubscription : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The subscriber's organisation, which owns <see cref="HashListId"/>.</summary>
    public Guid OrganisationId { get; init; }

    public Guid HashListId { get; init; }

    /// <summary>The publisher's feed endpoint, e.g. <c>https://network.example/api/v1/federation/feed</c>.</summary>
    public required string FeedUrl { get; set; }

    /// <summary>The publisher's public key (PEM, P-256) every page must verify under.</summary>
    public required string PublicKeyPem { get; set; }

    /// <summary>SHA-256 of the pinned key (<see cref="Evidence.InstanceSigningKey.Fingerprint"/>); the page names it too.</summary>
    public required string PublicKeyFingerprint { get; set; }

    /// <summary>The key-encryption key that wraps <see cref="ApiKeyWrappedKey"/>.</summary>
    public required string ApiKeyKeyId { get; set; }

    public required byte[] ApiKeyWrappedKey { get; set; }

    /// <summary>The subscriber's API key for the publisher, sealed (<see cref="Storage.EnvelopeSeal"/>).</summary>
    public required byte[] ApiKeySealed { get; set; }

    /// <summary>Where the next page starts (<see cref="FeedCursor"/>).</summary>
    public string Cursor { get; set; } = FeedCursor.Start.ToString();

    public SubscriptionState State { get; set; } = SubscriptionState.Active;

    public long EntriesReceived { get; set; }

    public long WithdrawalsReceived { get; set; }

    /// <summary>When a page was last applied.</summary>
    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>The publication time of the last page that had nothing after it: the subscriber held all the feed then.</summary>
    public DateTimeOffset? CaughtUpAt { get; set; }

    /// <summary>Why the last attempt failed, in words (never the API key, never a hash).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>How far behind the publisher the list may be: the time since it last held the whole feed; null before it first did.</summary>
    public TimeSpan? LagAt(DateTimeOffset now) => CaughtUpAt is { } caughtUp ? (now > caughtUp ? now - caughtUp : TimeSpan.Zero) : null;
}

internal sealed class FederationSubscriptionConfiguration : IEntityTypeConfiguration<FederationSubscription>
{
    public void Configure(EntityTypeBuilder<FederationSubscription> builder)
    {
        builder.ToTable("FederationSubscriptions");
        builder.Property(s => s.FeedUrl).HasMaxLength(FederationSubscriptions.MaxUrlLength);
        builder.Property(s => s.PublicKeyPem).HasMaxLength(1000);
        builder.Property(s => s.PublicKeyFingerprint).HasMaxLength(64);
        builder.Property(s => s.ApiKeyKeyId).HasMaxLength(100);
        builder.Property(s => s.Cursor).HasMaxLength(100);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LastError).HasMaxLength(FederationSubscriptions.MaxErrorLength);
        builder.HasIndex(s => s.HashListId).IsUnique();
        builder.HasIndex(s => s.OrganisationId);
        builder.HasOne<HashList>().WithMany().HasForeignKey(s => s.HashListId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
