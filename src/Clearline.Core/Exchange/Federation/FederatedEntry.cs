using Clearline.HashLists;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Exchange.Federation;

/// <summary>
/// Which list entry a publisher's feed entry became, per subscription: how a page already applied is recognised
/// (nothing is added twice, also after a resync) and how a withdrawal finds the entry to tombstone.
/// </summary>
public sealed class FederatedEntry
{
    public Guid SubscriptionId { get; init; }

    /// <summary>The entry's id in the publisher's feed.</summary>
    public long PublisherEntryId { get; init; }

    public long KnownHashId { get; init; }
}

internal sealed class FederatedEntryConfiguration : IEntityTypeConfiguration<FederatedEntry>
{
    public void Configure(EntityTypeBuilder<FederatedEntry> builder)
    {
        builder.ToTable("FederatedEntries");
        builder.HasKey(e => new { e.SubscriptionId, e.PublisherEntryId });
        builder.Property(e => e.PublisherEntryId).ValueGeneratedNever();
        builder.HasIndex(e => e.KnownHashId).IsUnique();
        builder.HasOne<FederationSubscription>().WithMany().HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<KnownHash>().WithMany().HasForeignKey(e => e.KnownHashId).OnDelete(DeleteBehavior.Restrict);
    }
}
