using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Audit;

/// <summary>
/// A MAC over the chain head as it was when an entry was appended: the entry's sequence number and hash, the id of
/// the key-encryption key whose derived sealing key made it, and when. Written in the same transaction as the entry.
/// </summary>
/// <remarks>
/// The hash chain alone shows edits only to someone who kept an anchor outside the database: a person who can
/// write the database can rewrite an entry and re-hash every later one. Seals close that gap: the sealing key is
/// derived from a key-encryption key that lives outside the database, so a rewrite cannot carry valid seals.
/// </remarks>
public sealed class AuditSeal
{
    public const int KeyIdMaxLength = 32;

    /// <summary>The sealed entry; the chain up to it is covered by its hash.</summary>
    public long Sequence { get; init; }

    public required string HeadHash { get; init; }

    /// <summary>The key-encryption key the sealing key was derived from (kept in the key ring after rotation).</summary>
    public required string KeyId { get; init; }

    /// <summary>HMAC-SHA256, lowercase hex.</summary>
    public required string Mac { get; init; }

    public DateTimeOffset SealedAt { get; init; }
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> builder)
    {
        builder.ToTable("AuditSeals");
        builder.HasKey(s => s.Sequence);
        builder.Property(s => s.Sequence).ValueGeneratedNever();
        builder.Property(s => s.HeadHash).HasMaxLength(64);
        builder.Property(s => s.KeyId).HasMaxLength(AuditSeal.KeyIdMaxLength);
        builder.Property(s => s.Mac).HasMaxLength(64);
    }
}
