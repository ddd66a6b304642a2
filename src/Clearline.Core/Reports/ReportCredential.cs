using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Reports;

/// <summary>A report's <see cref="GatedContentCredentials"/>, sealed by <see cref="ReportCredentialVault"/>; never plaintext.</summary>
public sealed class ReportCredential : ITenantOwned
{
    public Guid ReportId { get; init; }

    public Guid OrganisationId { get; init; }

    /// <summary>Id of the key-encryption key that wraps <see cref="WrappedKey"/>.</summary>
    public required string KeyId { get; init; }

    /// <summary>The data key, wrapped by the key-encryption key and bound to the report id.</summary>
    public required byte[] WrappedKey { get; init; }

    /// <summary>Nonce, AES-256-GCM ciphertext of the credentials as JSON, and tag.</summary>
    public required byte[] Sealed { get; init; }
}

internal sealed class ReportCredentialConfiguration : IEntityTypeConfiguration<ReportCredential>
{
    public void Configure(EntityTypeBuilder<ReportCredential> builder)
    {
        builder.ToTable("ReportCredentials");
        builder.HasKey(c => c.ReportId);
        builder.Property(c => c.KeyId).HasMaxLength(40);
        builder.Property(c => c.WrappedKey).HasMaxLength(128);
        builder.Property(c => c.Sealed).HasMaxLength(8 * 1024);
        builder.HasIndex(c => c.KeyId);
        builder.HasOne<Report>().WithOne().HasForeignKey<ReportCredential>(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
