using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Classification;

/// <summary>How a classification was reached.</summary>
public enum ClassificationSource
{
    Analyst = 1,

    /// <summary>A match on a list trusted to classify (<see cref="HashLists.HashListTrust.AutoClassify"/>).</summary>
    KnownMaterial = 2,
}

/// <summary>
/// One decision about one media item, kept with its history: a later decision for the same scope supersedes this
/// one (<see cref="SupersededAt"/>) instead of overwriting it.
/// </summary>
/// <remarks>
/// A Baseline or Not-illegal decision is network-wide; a National one holds in <see cref="Jurisdiction"/>. An
/// automatic decision records the list, the entry, the hash that matched, the distance and the transform.
/// </remarks>
public sealed class MediaClassification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string MediaSha256 { get; init; }

    public Verdict Verdict { get; init; }

    /// <summary>ISO 3166-1 alpha-2 of the law a National verdict is under; null otherwise.</summary>
    public string? Jurisdiction { get; init; }

    public AgeGroup AgeGroup { get; init; }

    public Gender Gender { get; init; }

    public ContentFlags Flags { get; init; }

    public ClassificationSource Source { get; init; }

    /// <summary>The hotline whose analyst decided; null for an automatic decision.</summary>
    public Guid? OrganisationId { get; init; }

    /// <summary>The analyst who decided, when a person.</summary>
    public Guid? UserId { get; init; }

    /// <summary>The API key a hotline's case system decided through, when not a person.</summary>
    public Guid? ApiKeyId { get; init; }

    /// <summary>The match an automatic decision rests on.</summary>
    public Guid? MatchId { get; init; }

    public Guid? HashListId { get; init; }

    public long? KnownHashId { get; init; }

    public DateTimeOffset ClassifiedAt { get; init; }

    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>The decision that superseded this one, so that undoing it restores this one.</summary>
    public Guid? SupersededById { get; set; }

    /// <summary>Why it was superseded without a new decision (the entry it rested on was tombstoned), if so.</summary>
    public string? WithdrawnReason { get; set; }
}

internal sealed class MediaClassificationConfiguration : IEntityTypeConfiguration<MediaClassification>
{
    public void Configure(EntityTypeBuilder<MediaClassification> builder)
    {
        builder.ToTable("MediaClassifications");
        builder.Property(c => c.MediaSha256).HasMaxLength(64);
        builder.Property(c => c.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Jurisdiction).HasMaxLength(2).IsFixedLength();
        builder.Property(c => c.AgeGroup).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Gender).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.WithdrawnReason).HasMaxLength(500);
        builder.HasIndex(c => new { c.MediaSha256, c.SupersededAt });
        builder.HasIndex(c => c.MatchId);
        builder.HasIndex(c => c.SupersededById);
        builder.HasIndex(c => c.ClassifiedAt);
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(c => c.MediaSha256).OnDelete(DeleteBehavior.Restrict);
    }
}
