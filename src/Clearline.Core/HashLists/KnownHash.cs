using Clearline.Classification;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.HashLists;

/// <summary>
/// One entry of a <see cref="HashList"/>: any of MD5, SHA-1, SHA-256 and PDQ (lower-case hex, as on
/// <see cref="MediaItems.MediaItem"/>), and PhotoDNA kept opaque for exact matching only; with the list's own
/// category and where the entry came from.
/// </summary>
/// <remarks>
/// Entries are never deleted: a false positive is tombstoned, stops matching at the next lookup on every process
/// (<see cref="KnownHashRemoval"/>), and stays for the audit of what matched before. Ids grow in commit order
/// (<see cref="HashListStore"/>), so a process catches up by reading the ids above the last one it saw.
/// </remarks>
public sealed class KnownHash
{
    /// <summary>Given by <see cref="HashListStore"/> in commit order.</summary>
    public long Id { get; internal set; }

    public Guid HashListId { get; init; }

    public string? Md5 { get; init; }

    public string? Sha1 { get; init; }

    public string? Sha256 { get; init; }

    public string? Pdq { get; init; }

    public int? PdqQuality { get; init; }

    /// <summary>
    /// A video's vPDQ: its hashed frames in the reference's text form (<c>frameNumber,quality,hex,timestamp</c> lines,
    /// <c>VpdqText</c>); null for entries that are not videos.
    /// </summary>
    public string? Vpdq { get; init; }

    /// <summary>Base64 as the source wrote it; compared exactly, never interpreted.</summary>
    public string? PhotoDna { get; init; }

    /// <summary>The list's own category, as written (VICS <c>"1"</c>, a verdict name); null when uncategorised.</summary>
    public string? Category { get; init; }

    /// <summary>The source's own identifier for the entry (a VICS MediaID, a CSV id column).</summary>
    public string? SourceId { get; init; }

    /// <summary>
    /// Where the source recorded the decision behind the entry (a federated feed does; hash files do not): the country
    /// whose law a National verdict is under. An automatic decision on the entry takes it, and the details below.
    /// </summary>
    public string? Jurisdiction { get; init; }

    /// <summary>The age group the source recorded with its decision; null when it said nothing.</summary>
    public AgeGroup? AgeGroup { get; init; }

    /// <summary>The gender the source recorded with its decision; null when it said nothing.</summary>
    public Gender? Gender { get; init; }

    /// <summary>The flags the source recorded with its decision, added to those of the list's mapping; null when it said nothing.</summary>
    public ContentFlags? Flags { get; init; }

    /// <summary>The import that added the entry; null when added otherwise (the network's own classifications).</summary>
    public Guid? ImportId { get; init; }

    public DateTimeOffset AddedAt { get; init; }

    public DateTimeOffset? TombstonedAt { get; set; }

    public string? TombstoneReason { get; set; }

    public Guid? TombstonedBy { get; set; }
}

/// <summary>The log of tombstones, in commit order, that every process's index replays.</summary>
public sealed class KnownHashRemoval
{
    public long Id { get; init; }

    public long KnownHashId { get; init; }
}

internal sealed class KnownHashConfiguration : IEntityTypeConfiguration<KnownHash>
{
    public void Configure(EntityTypeBuilder<KnownHash> builder)
    {
        builder.ToTable("KnownHashes");
        builder.Property(h => h.Md5).HasMaxLength(32);
        builder.Property(h => h.Sha1).HasMaxLength(40);
        builder.Property(h => h.Sha256).HasMaxLength(64);
        builder.Property(h => h.Pdq).HasMaxLength(64);
        builder.Property(h => h.PhotoDna).HasMaxLength(400);
        builder.Property(h => h.Category).HasMaxLength(50);
        builder.Property(h => h.SourceId).HasMaxLength(200);
        builder.Property(h => h.TombstoneReason).HasMaxLength(500);
        builder.Property(h => h.Jurisdiction).HasMaxLength(2).IsFixedLength();
        builder.Property(h => h.AgeGroup).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Gender).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(h => h.Md5);
        builder.HasIndex(h => h.Sha1);
        builder.HasIndex(h => h.Sha256);
        builder.HasIndex(h => h.PhotoDna);
        builder.HasIndex(h => h.Pdq);
        builder.HasIndex(h => new { h.HashListId, h.Id });
        builder.HasOne<HashList>().WithMany().HasForeignKey(h => h.HashListId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KnownHashRemovalConfiguration : IEntityTypeConfiguration<KnownHashRemoval>
{
    public void Configure(EntityTypeBuilder<KnownHashRemoval> builder)
    {
        builder.ToTable("KnownHashRemovals");
        builder.HasOne<KnownHash>().WithMany().HasForeignKey(r => r.KnownHashId).OnDelete(DeleteBehavior.Restrict);
    }
}
