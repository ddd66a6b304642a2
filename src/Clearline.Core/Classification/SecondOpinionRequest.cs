using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Classification;

/// <summary>
/// An analyst was unsure about an item: it leaves the hotline's queue for its second-opinion queue, where another
/// analyst or the supervisor decides. The hotline's next decision on the item resolves it.
/// </summary>
public sealed class SecondOpinionRequest : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string MediaSha256 { get; init; }

    /// <summary>The unsure analyst: a user id, or an API key's id.</summary>
    public Guid RequestedBy { get; init; }

    /// <summary>What the analyst was unsure about, for whoever decides.</summary>
    public string? Note { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The decision that resolved it.</summary>
    public Guid? ResolvedById { get; set; }
}

internal sealed class SecondOpinionRequestConfiguration : IEntityTypeConfiguration<SecondOpinionRequest>
{
    public const int MaxNoteLength = 1000;

    public void Configure(EntityTypeBuilder<SecondOpinionRequest> builder)
    {
        builder.ToTable("SecondOpinionRequests");
        builder.Property(r => r.MediaSha256).HasMaxLength(64);
        builder.Property(r => r.Note).HasMaxLength(MaxNoteLength);
        builder.HasIndex(r => new { r.OrganisationId, r.ResolvedAt, r.MediaSha256 });
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(r => r.MediaSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
