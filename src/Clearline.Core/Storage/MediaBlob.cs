using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Storage;

/// <summary>
/// One stored blob: its content address, plaintext length and its data key wrapped by a key-encryption key.
/// The ciphertext lives in the <see cref="IBlobBackend"/>; this row is what makes it readable.
/// </summary>
/// <remarks>
/// Not tenant-owned: a blob is content-addressed and shared by every report that references it. Who may read
/// it is decided by the features that reference blobs (reports, media items), never by this table.
/// </remarks>
public sealed class MediaBlob
{
    /// <summary>Lowercase hex SHA-256 of the plaintext.</summary>
    public required string Sha256 { get; init; }

    public long PlainLength { get; init; }

    /// <summary>Id of the key-encryption key that wraps <see cref="WrappedKey"/>.</summary>
    public required string KeyId { get; set; }

    public required byte[] WrappedKey { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the blob was deleted under retention (its data key destroyed and its file deleted); null while it is readable.</summary>
    public DateTimeOffset? ShreddedAt { get; set; }

    /// <summary>Why it was deleted: a fixed retention reason such as <c>after-final-action</c>; null while it is readable.</summary>
    public string? ShreddedReason { get; set; }

    public const int ShreddedReasonMaxLength = 40;
}

internal sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> builder)
    {
        builder.ToTable("MediaBlobs");
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.KeyId).HasMaxLength(40);
        builder.Property(b => b.WrappedKey).HasMaxLength(128);
        builder.Property(b => b.ShreddedReason).HasMaxLength(MediaBlob.ShreddedReasonMaxLength);
        builder.HasIndex(b => b.KeyId);
    }
}
