using Clearline.Organisations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Routing;

/// <summary>
/// A hotline the coordinator has mandated to take on orphaned content (hosted where the network has no hotline):
/// it sees the orphaned queue and may claim from it.
/// </summary>
public sealed class OrphanMandate
{
    public Guid OrganisationId { get; init; }

    public DateTimeOffset MandatedAt { get; init; }
}

internal sealed class OrphanMandateConfiguration : IEntityTypeConfiguration<OrphanMandate>
{
    public void Configure(EntityTypeBuilder<OrphanMandate> builder)
    {
        builder.ToTable("OrphanMandates");
        builder.HasKey(m => m.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
