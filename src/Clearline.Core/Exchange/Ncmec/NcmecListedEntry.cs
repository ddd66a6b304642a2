using Clearline.HashLists;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Exchange.Ncmec;

/// <summary>
/// Which list entry an NCMEC entry (its type, member and id) became: how a later page finds the entry it deletes or
/// changes. Each NCMEC entry keeps its own list entry, so two members sharing the same fingerprints each have one,
/// and one member's deletion leaves the other's matching.
/// </summary>
public sealed class NcmecListedEntry
{
    public Guid HashListId { get; init; }

    /// <summary>The NCMEC entry's key, <c>type:member:id</c> (<see cref="NcmecEntry.Key"/>), as the list entry's source id.</summary>
    public required string Key { get; init; }

    /// <summary>The list entry it became last; tombstoned when NCMEC deleted it.</summary>
    public long KnownHashId { get; init; }
}

internal sealed class NcmecListedEntryConfiguration : IEntityTypeConfiguration<NcmecListedEntry>
{
    public void Configure(EntityTypeBuilder<NcmecListedEntry> builder)
    {
        builder.ToTable("NcmecEntries");
        builder.HasKey(e => new { e.HashListId, e.Key });
        builder.Property(e => e.Key).HasMaxLength(200);
        builder.HasIndex(e => e.KnownHashId).IsUnique();
        builder.HasOne<HashList>().WithMany().HasForeignKey(e => e.HashListId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<KnownHash>().WithMany().HasForeignKey(e => e.KnownHashId).OnDelete(DeleteBehavior.Restrict);
    }
}
