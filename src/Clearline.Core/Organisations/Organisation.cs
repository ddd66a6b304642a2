using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Organisations;

public enum OrganisationKind
{
    Hotline = 1,
    LawEnforcement = 2,
    Interpol = 3,
    Coordinator = 4,
    Industry = 5,
}

/// <summary>A member of the network: a hotline, a police unit, INTERPOL, the coordinator or an industry partner.</summary>
public sealed class Organisation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public OrganisationKind Kind { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case; null for INTERPOL and the coordinator.</summary>
    public string? CountryCode { get; set; }

    /// <summary>The national-law profile a hotline classifies "National" against.</summary>
    public string? LawProfile { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the coordinator deactivated the organisation; null while it is a member.</summary>
    /// <remarks>A deactivated organisation's people cannot sign in and its keys act for nobody (see <c>Callers</c>).</remarks>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(o => o.LawProfile).HasMaxLength(100);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
