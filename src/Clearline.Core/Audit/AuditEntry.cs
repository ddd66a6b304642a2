using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Audit;

/// <summary>One link of the audit chain. Written once by <see cref="AuditTrail"/>; never updated or deleted.</summary>
/// <remarks>
/// Not tenant-owned: system entries have no organisation, and the coordinator audits across the network.
/// A screen that shows entries to an organisation's admin must filter by <see cref="OrganisationId"/> itself.
/// </remarks>
public sealed class AuditEntry
{
    public const int ActorIdMaxLength = 64;
    public const int TargetMaxLength = 200;
    public const int ClientIpMaxLength = 64;
    public const int DetailMaxLength = 500;

    /// <summary>The genesis entry's previous hash.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>1, 2, 3… with no gaps: a gap means a deleted entry.</summary>
    public long Sequence { get; init; }

    /// <summary>UTC, truncated to whole microseconds so it survives PostgreSQL unchanged.</summary>
    public DateTimeOffset Timestamp { get; init; }

    public AuditActorKind ActorKind { get; init; }

    public string? ActorId { get; init; }

    public Guid? OrganisationId { get; init; }

    public AuditAction Action { get; init; }

    public string? Target { get; init; }

    public string? ClientIp { get; init; }

    public string? Detail { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(AuditEntry.ActorIdMaxLength);
        builder.Property(e => e.Target).HasMaxLength(AuditEntry.TargetMaxLength);
        builder.Property(e => e.ClientIp).HasMaxLength(AuditEntry.ClientIpMaxLength);
        builder.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailMaxLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Hash).IsUnique();
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => new { e.OrganisationId, e.Sequence });
    }
}
