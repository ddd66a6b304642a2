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
        builder.HasIndex(b => b.KeyId);
    }
}
