using Clearline.Organisations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Routing;

/// <summary>
/// The hotline that receives the content hosted in one country, as the coordinator set it. A country without a
/// designation falls back to its oldest hotline (see <see cref="HotlineDesignations.ResolveAsync"/>).
/// </summary>
public sealed class HotlineDesignation
{
    /// <summary>ISO 3166-1 alpha-2, upper case; one designation per country.</summary>
    public required string CountryCode { get; init; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset DesignatedAt { get; set; }
}

internal sealed class HotlineDesignationConfiguration : IEntityTypeConfiguration<HotlineDesignation>
{
    public void Configure(EntityTypeBuilder<HotlineDesignation> builder)
    {
        builder.ToTable("HotlineDesignations");
        builder.HasKey(d => d.CountryCode);
        builder.Property(d => d.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
