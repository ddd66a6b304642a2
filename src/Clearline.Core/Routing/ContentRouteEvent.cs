using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Routing;

public enum RouteEventKind
{
    /// <summary>Routed by the system to its hosting country's hotline.</summary>
    Routed = 1,

    /// <summary>Routed by the system, or moved, to where the network has no hotline.</summary>
    Orphaned = 2,

    /// <summary>Claimed from the orphaned queue by a mandated hotline.</summary>
    Claimed = 3,

    /// <summary>The assigned hotline found the content hosted elsewhere now.</summary>
    Moved = 4,

    /// <summary>The coordinator assigned it to a hotline.</summary>
    Reassigned = 5,

    /// <summary>The decision it rested on no longer holds; nobody acted on it yet. <see cref="ContentRouteEvent.Reason"/> says why.</summary>
    Withdrawn = 6,

    /// <summary>A withdrawn route was decided illegal again and routed anew.</summary>
    Reinstated = 7,

    /// <summary>The assigned hotline recorded the origin host behind a CDN; the route follows the origin's country.</summary>
    OriginRecorded = 8,
}

/// <summary>
/// One step in a route's history, append-only. The hotlines in <see cref="ToOrganisationId"/> keep seeing the
/// route after it moves on, so a hotline that acted on content can follow what became of it.
/// </summary>
public sealed class ContentRouteEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid RouteId { get; init; }

    public RouteEventKind Kind { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The organisation that acted; null for the system.</summary>
    public Guid? ActorOrganisationId { get; init; }

    public Guid? FromOrganisationId { get; init; }

    /// <summary>The hotline assigned by this step; null when it orphaned the route.</summary>
    public Guid? ToOrganisationId { get; init; }

    public string? FromCountryCode { get; init; }

    public string? ToCountryCode { get; init; }

    /// <summary>The new hosting IP address a move recorded, if the hotline gave one.</summary>
    public string? ServerAddress { get; init; }

    /// <summary>Why, in words, where the kind needs it: why a route was withdrawn; the origin's organisation.</summary>
    public string? Reason { get; init; }
}

internal sealed class ContentRouteEventConfiguration : IEntityTypeConfiguration<ContentRouteEvent>
{
    public void Configure(EntityTypeBuilder<ContentRouteEvent> builder)
    {
        builder.ToTable("ContentRouteEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.FromCountryCode).HasMaxLength(2);
        builder.Property(e => e.ToCountryCode).HasMaxLength(2);
        builder.Property(e => e.ServerAddress).HasMaxLength(45);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.HasIndex(e => new { e.RouteId, e.Id });
        builder.HasIndex(e => e.ToOrganisationId);
    }
}
