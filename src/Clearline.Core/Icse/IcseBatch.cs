using Clearline.MediaItems;
using Clearline.Organisations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Icse;

/// <summary>
/// One hand-off of items from INTERPOL's portal to ICSE: which items, when, by whom. Its items count as handed over
/// from then on (they leave the queue); the batch can be downloaded again, each download audited.
/// </summary>
public sealed class IcseBatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The INTERPOL organisation that exported it.</summary>
    public Guid OrganisationId { get; init; }

    /// <summary>The officer's user id, or the API key's id when <see cref="ByApiKey"/>.</summary>
    public Guid CreatedBy { get; init; }

    public bool ByApiKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int ItemCount { get; init; }

    /// <summary>Whether items already handed over in an earlier batch were asked for again.</summary>
    public bool IncludesHandedOver { get; init; }
}

/// <summary>An item of an <see cref="IcseBatch"/>.</summary>
public sealed class IcseBatchItem
{
    public Guid BatchId { get; init; }

    public required string MediaSha256 { get; init; }
}

internal sealed class IcseBatchConfiguration : IEntityTypeConfiguration<IcseBatch>
{
    public void Configure(EntityTypeBuilder<IcseBatch> builder)
    {
        builder.ToTable("IcseBatches");
        builder.HasIndex(b => new { b.OrganisationId, b.Id });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IcseBatchItemConfiguration : IEntityTypeConfiguration<IcseBatchItem>
{
    public void Configure(EntityTypeBuilder<IcseBatchItem> builder)
    {
        builder.ToTable("IcseBatchItems");
        builder.HasKey(i => new { i.BatchId, i.MediaSha256 });
        builder.Property(i => i.MediaSha256).HasMaxLength(64);
        builder.HasIndex(i => i.MediaSha256);
        builder.HasOne<IcseBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(i => i.MediaSha256).OnDelete(DeleteBehavior.Restrict);
    }
}
