using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.AbuseContacts;

/// <summary>What an abuse contact was looked up for.</summary>
public enum AbuseContactSource
{
    /// <summary>The hosting IP address: the regional registry's network object and its abuse entity.</summary>
    Network = 1,

    /// <summary>The registrable domain of the content URL's host: the registrar and its abuse entity.</summary>
    Registrar = 2,
}

/// <summary>Where a lookup stands.</summary>
public enum AbuseContactState
{
    /// <summary>Not looked up yet, or a lookup is queued.</summary>
    Pending = 1,

    /// <summary>The registry answered with an abuse contact.</summary>
    Found = 2,

    /// <summary>The registry answered, but it holds no such object or the object names no abuse e-mail address.</summary>
    NotFound = 3,

    /// <summary>No usable answer (no RDAP server known, unreachable, timeout, server error, malformed JSON); retried with backoff.</summary>
    Failed = 4,
}

/// <summary>
/// The cached result of one RDAP lookup, per IP address (<see cref="AbuseContactSource.Network"/>) or per registrable
/// domain (<see cref="AbuseContactSource.Registrar"/>): shared by every route on that address or domain.
/// </summary>
/// <remarks>
/// Not tenant-owned: it holds what public registries publish about networks and registrars, nothing of a report.
/// Which routes it answers for is decided by the route's visibility (<see cref="AbuseContactQueries"/>).
/// </remarks>
public sealed class AbuseContact
{
    public const int KeyMaxLength = 253;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public AbuseContactSource Source { get; init; }

    /// <summary>The IP address (canonical text) or the registrable domain (lower case, ASCII) looked up.</summary>
    public required string Key { get; init; }

    public AbuseContactState State { get; set; } = AbuseContactState.Pending;

    public string? Email { get; set; }

    /// <summary>The abuse contact's name (the jCard's <c>fn</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The network's holder or the registrar.</summary>
    public string? Organisation { get; set; }

    public string? Phone { get; set; }

    /// <summary>The abuse entity's RDAP handle.</summary>
    public string? Handle { get; set; }

    /// <summary>The RDAP URL asked (null when no server was known).</summary>
    public string? ServerUrl { get; set; }

    /// <summary>Why the last lookup failed or found nothing, in words.</summary>
    public string? Error { get; set; }

    /// <summary>Lookups in the current series: since the last answer that was not a failure, this one included.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? LookedUpAt { get; set; }

    /// <summary>After a failure: when the next attempt is due; null when none is scheduled.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}

internal sealed class AbuseContactConfiguration : IEntityTypeConfiguration<AbuseContact>
{
    public void Configure(EntityTypeBuilder<AbuseContact> builder)
    {
        builder.ToTable("AbuseContacts");
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Key).HasMaxLength(AbuseContact.KeyMaxLength);
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Organisation).HasMaxLength(200);
        builder.Property(c => c.Phone).HasMaxLength(100);
        builder.Property(c => c.Handle).HasMaxLength(100);
        builder.Property(c => c.ServerUrl).HasMaxLength(2000);
        builder.Property(c => c.Error).HasMaxLength(1000);
        builder.HasIndex(c => new { c.Source, c.Key }).IsUnique();
    }
}
