using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Matching;

/// <summary>Which of an entry's hashes matched.</summary>
public enum MatchedHash
{
    Md5 = 1,
    Sha1 = 2,
    Sha256 = 3,
    PhotoDna = 4,
    Pdq = 5,

    /// <summary>A video's frames (vPDQ): <see cref="MediaMatch.QueryMatchPercent"/> and <see cref="MediaMatch.ComparedMatchPercent"/> say how much.</summary>
    Vpdq = 6,
}

/// <summary>What the match did when it was found.</summary>
public enum MatchOutcome
{
    /// <summary>It classified the item (<see cref="Classification.MediaClassification.MatchId"/>).</summary>
    Classified = 1,

    /// <summary>Shown to analysts as "probably known".</summary>
    Suggested = 2,

    /// <summary>Recorded only: the category maps to nothing to show, or the item was already classified.</summary>
    Recorded = 3,
}

/// <summary>An analyst's verdict on a match; the list's false-match rate is counted from these.</summary>
public enum MatchReview
{
    Unreviewed = 0,
    Confirmed = 1,
    Wrong = 2,
}

/// <summary>A media item met an entry of a hash list: which hash, how far (PDQ), through which transform.</summary>
public sealed class MediaMatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string MediaSha256 { get; init; }

    public Guid HashListId { get; init; }

    public long KnownHashId { get; init; }

    public MatchedHash Hash { get; init; }

    /// <summary>PDQ Hamming distance; 0 for the exact hashes.</summary>
    public int Distance { get; init; }

    /// <summary>The dihedral transform of the item that matched (0 = as is; see <see cref="Media.Matching.PdqMatch"/>).</summary>
    public int Transform { get; init; }

    /// <summary>For a video (<see cref="MatchedHash.Vpdq"/>): the share of its frames found in the known video (q%, percent).</summary>
    public double? QueryMatchPercent { get; init; }

    /// <summary>For a video: the share of the known video's frames found in it (c%, percent).</summary>
    public double? ComparedMatchPercent { get; init; }

    public MatchOutcome Outcome { get; set; }

    public DateTimeOffset MatchedAt { get; init; }

    public MatchReview Review { get; set; }

    public Guid? ReviewedBy { get; set; }

    public Guid? ReviewedByOrganisationId { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }
}

internal sealed class MediaMatchConfiguration : IEntityTypeConfiguration<MediaMatch>
{
    public void Configure(EntityTypeBuilder<MediaMatch> builder)
    {
        builder.ToTable("MediaMatches");
        builder.Property(m => m.MediaSha256).HasMaxLength(64);
        builder.Property(m => m.Hash).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Review).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.MediaSha256, m.KnownHashId }).IsUnique();
        builder.HasIndex(m => new { m.HashListId, m.Review });
        builder.HasIndex(m => m.KnownHashId);
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(m => m.MediaSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HashLists.KnownHash>().WithMany().HasForeignKey(m => m.KnownHashId).OnDelete(DeleteBehavior.Restrict);
    }
}
