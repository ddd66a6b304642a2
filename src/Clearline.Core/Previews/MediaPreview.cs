using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Previews;

/// <summary>Which preview of an item: both are downscaled and blurred; never the original.</summary>
public enum PreviewKind
{
    /// <summary>Blurred and greyscale: the default, least exposing view.</summary>
    GreyBlurred = 1,

    /// <summary>Blurred, in colour: for an analyst who turned greyscale off.</summary>
    Blurred = 2,
}

/// <summary>
/// A preview rendered once from an item's bytes and stored encrypted in the media store under its own address, so
/// that the grid of previews never decodes originals again.
/// </summary>
public sealed class MediaPreview
{
    public required string MediaSha256 { get; init; }

    public PreviewKind Kind { get; init; }

    /// <summary>The address of the encoded preview in the media store.</summary>
    public required string BlobSha256 { get; init; }

    public required string ContentType { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class MediaPreviewConfiguration : IEntityTypeConfiguration<MediaPreview>
{
    public void Configure(EntityTypeBuilder<MediaPreview> builder)
    {
        builder.ToTable("MediaPreviews");
        builder.HasKey(p => new { p.MediaSha256, p.Kind });
        builder.Property(p => p.MediaSha256).HasMaxLength(64);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.BlobSha256).HasMaxLength(64);
        builder.Property(p => p.ContentType).HasMaxLength(50);
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(p => p.MediaSha256).OnDelete(DeleteBehavior.Restrict);
    }
}
