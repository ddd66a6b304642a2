using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.MediaItems;

/// <summary>
/// One distinct image or video, stored once however often it is found (content-addressed by SHA-256), with its
/// hashes. The bytes are the encrypted blob of the same address in the media store.
/// </summary>
/// <remarks>
/// Not tenant-owned: the network sees one item once, so it is classified once. Who may see that an item was found
/// where is decided by <see cref="MediaOccurrence"/>, which is tenant-owned.
/// </remarks>
public sealed class MediaItem
{
    public required string Sha256 { get; init; }

    public required string Md5 { get; init; }

    public required string Sha1 { get; init; }

    /// <summary>PDQ hash (64 hex digits), for images that decoded.</summary>
    public string? Pdq { get; init; }

    public int? PdqQuality { get; init; }

    /// <summary>
    /// The seven other dihedral PDQ hashes (rotations and mirrors, in the reference's order after the original),
    /// concatenated hex: a known item stored rotated or mirrored matches through them.
    /// </summary>
    public string? PdqDihedral { get; init; }

    public MediaFormat Format { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public long ByteLength { get; init; }

    /// <summary>Why the item could not be decoded (corrupt, unsupported), or null.</summary>
    public string? DecodeError { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public bool IsVideo => Format.IsVideo();
}

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("MediaItems");
        builder.HasKey(m => m.Sha256);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.Md5).HasMaxLength(32);
        builder.Property(m => m.Sha1).HasMaxLength(40);
        builder.Property(m => m.Pdq).HasMaxLength(64);
        builder.Property(m => m.PdqDihedral).HasMaxLength(7 * 64);
        builder.Property(m => m.Format).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.DecodeError).HasMaxLength(1000);
        builder.HasIndex(m => m.Md5);
        builder.HasIndex(m => m.Sha1);
        builder.Ignore(m => m.IsVideo);
    }
}
