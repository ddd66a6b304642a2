using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.ApiKeys;

/// <summary>A machine credential of one organisation. Only a hash of the secret is stored.</summary>
public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string Name { get; init; }

    /// <summary>The public, non-secret part of the key, used to find it (e.g. <c>cl_7Fq2…</c>).</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the whole key. Keys are 256-bit random, so a fast hash is enough (no dictionary to guess from).</summary>
    public required byte[] SecretHash { get; init; }

    /// <summary>Space-separated scope names, see <see cref="ApiScopes"/>.</summary>
    public required string Scopes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>After this the key is refused; null for a key that does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the key last authenticated a request, recorded at most once a minute (<see cref="ApiKeyService.LastUsedResolution"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(20);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(32);
        builder.Property(k => k.Scopes).HasMaxLength(500);
        builder.HasIndex(k => new { k.OrganisationId, k.Name }).IsUnique();
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(k => k.ScopeList);
    }
}
