using Clearline.Classification;
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

    /// <summary>
    /// The decision it was routed on no longer holds (undone, withdrawn with a list entry, or changed to Not illegal)
    /// before anyone acted on it: nobody acts on it; the event that withdrew it says why. A new illegal decision reinstates it.
    /// </summary>
    Withdrawn = 3,
}

/// <summary>What a route is for: content found at a URL, or the page itself (ICCAM's "website" content type).</summary>
public enum RouteSubject
{
    /// <summary>An image or video URL whose item was classified illegal.</summary>
    Media = 1,

    /// <summary>A page whose purpose is distribution (an image board thread, a link list), marked illegal itself by an analyst.</summary>
    Website = 2,
}

/// <summary>
/// Which hotline acts on one content URL (a crawled URL whose item was classified illegal, or a page marked illegal
/// itself): the hotline of its hosting country, or nobody yet (orphaned). One per crawled URL; its
/// <see cref="Events"/> keep how it got here.
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

    /// <summary>Content found at the URL, or the page itself.</summary>
    public RouteSubject Subject { get; init; } = RouteSubject.Media;

    /// <summary>The decision the route rests on now: Baseline, or National under <see cref="Jurisdiction"/>.</summary>
    public Verdict Verdict { get; set; } = Verdict.Baseline;

    /// <summary>The country whose law a National <see cref="Verdict"/> is under (the reporting hotline's): "illegal in NL".</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>
    /// The address found belongs to a CDN or reverse proxy (<see cref="Hosting.HostingTrace.IsCdn"/>): the country is
    /// the edge's, not the host's, until the assigned hotline records the origin it learned from the CDN.
    /// </summary>
    public bool BehindCdn { get; set; }

    /// <summary>The organisation hosting the origin behind the CDN, as the assigned hotline recorded it.</summary>
    public string? OriginOrganisation { get; set; }

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
        builder.Property(r => r.Subject).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Jurisdiction).HasMaxLength(2);
        builder.Property(r => r.OriginOrganisation).HasMaxLength(200);
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
