using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Videos;

/// <summary>
/// The vPDQ of one stored video, or why it could not be computed. A row is written, still pending, in the unit of
/// work that stores the video; the <see cref="HashVideoJob"/> fills it in. Analysts do not see a video while its
/// row is pending (<see cref="IsPending"/>): it is matched first, so a known video never reaches them.
/// </summary>
public sealed class VideoHash
{
    public required string MediaSha256 { get; init; }

    /// <summary>The hashed frames in the reference's text form (<c>frameNumber,quality,hex,timestamp</c> lines), or null.</summary>
    public string? Vpdq { get; set; }

    /// <summary>Frames hashed (0 while pending or when hashing failed).</summary>
    public int FrameCount { get; set; }

    /// <summary>The frame selection it was hashed with (<see cref="VideoOptions.SecondsPerHash"/>; 0 = every frame).</summary>
    public double SecondsPerHash { get; set; }

    /// <summary>Why hashing failed (<c>corrupt</c>, <c>truncated</c>, <c>too-large</c>, <c>timed-out</c>…), or null.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The failure in words (never content, paths or hashes), or null.</summary>
    public string? ErrorMessage { get; set; }

    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>When the hash (or the failure) was recorded; null while pending.</summary>
    public DateTimeOffset? HashedAt { get; set; }

    public bool IsPending => HashedAt is null;

    public bool Succeeded => HashedAt is not null && ErrorCode is null && Vpdq is not null;

    /// <summary>
    /// Whether items of <paramref name="format"/> get a vPDQ: videos, and animated GIF and WebP, hashed per frame as
    /// short videos (a still GIF or WebP gets no row).
    /// </summary>
    public static bool AppliesTo(MediaFormat format) => format.IsVideo() || MayBeAnimated(format);

    /// <summary>Image formats whose animated files are hashed per frame; they are not held back from analysts while hashing.</summary>
    public static bool MayBeAnimated(MediaFormat format) => format is MediaFormat.Gif or MediaFormat.WebP;
}

internal sealed class VideoHashConfiguration : IEntityTypeConfiguration<VideoHash>
{
    public void Configure(EntityTypeBuilder<VideoHash> builder)
    {
        builder.ToTable("VideoHashes");
        builder.HasKey(v => v.MediaSha256);
        builder.Property(v => v.MediaSha256).HasMaxLength(64);
        builder.Property(v => v.ErrorCode).HasMaxLength(20);
        builder.Property(v => v.ErrorMessage).HasMaxLength(500);
        builder.HasIndex(v => v.HashedAt);
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(v => v.MediaSha256).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(v => v.IsPending);
        builder.Ignore(v => v.Succeeded);
    }
}
