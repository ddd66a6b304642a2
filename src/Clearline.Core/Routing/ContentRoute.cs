using Clearline.Crawling;
using Clearline.Organisations;
using Clearline.Reports;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Routing;

public enum RouteState
{
    /// <summary>A hotline is responsible for acting on the content.</summary>
    Assigned = 1,

    /// <summary>No member hotline in the hosting country (or the country is unknown): the coordinator's queue.</summary>
    Orphaned = 2,
}

/// <summary>
/// Which hotline acts on one content URL (a crawled URL whose bytes were media): the hotline of its hosting
/// country, or nobody yet (orphaned). One per crawled URL; its <see cref="Events"/> keep how it got here.
/// </summary>
/// <remarks>
/// Not tenant-owned: three organisations see a route (the reporting hotline, the hotlines it was assigned to and
/// the coordinator), so every query for an organisation goes through <see cref="RouteAccess.VisibleTo"/>.
/// </remarks>
public sealed class ContentRoute
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The hotline that inserted the report the content was found through.</summary>
    public Guid ReportingOrganisationId { get; init; }

    public Guid ReportId { get; init; }

    public Guid CrawledUrlId { get; init; }

    /// <summary>The hosting country the route follows: at routing time, then as recorded by a move; null when unknown.</summary>
    public string? CountryCode { get; set; }

    /// <summary>The hosting IP address at routing time, or as recorded by a move.</summary>
    public string? ServerAddress { get; set; }

    /// <summary>The hotline responsible now; null while orphaned.</summary>
    public Guid? AssignedOrganisationId { get; set; }

    public RouteState State { get; set; }

    public DateTimeOffset RoutedAt { get; init; }

    /// <summary>When a hotline last claimed it from the orphaned queue, or the coordinator assigned it.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    public List<ContentRouteEvent> Events { get; init; } = [];
}

internal sealed class ContentRouteConfiguration : IEntityTypeConfiguration<ContentRoute>
{
    public void Configure(EntityTypeBuilder<ContentRoute> builder)
    {
        builder.ToTable("ContentRoutes");
        builder.Property(r => r.CountryCode).HasMaxLength(2);
        builder.Property(r => r.ServerAddress).HasMaxLength(45);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(r => r.CrawledUrlId).IsUnique();
        builder.HasIndex(r => new { r.AssignedOrganisationId, r.Id });
        builder.HasIndex(r => new { r.ReportingOrganisationId, r.Id });
        builder.HasIndex(r => new { r.State, r.Id });
        builder.HasOne<CrawledUrl>().WithMany().HasForeignKey(r => r.CrawledUrlId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Report>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.ReportingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.AssignedOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RouteId).OnDelete(DeleteBehavior.Cascade);
    }
}
