using Clearline.Organisations;
using Clearline.Routing;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Notices;

/// <summary>A first notice to the host, or the reminder that follows it when the content stays online.</summary>
public enum NoticeKind
{
    Notice = 1,

    Reminder = 2,
}

/// <summary>How a notice reaches the host.</summary>
public enum NoticeChannel
{
    /// <summary>An e-mail through the configured SMTP server (<c>Mail:Smtp</c>).</summary>
    Email = 1,

    /// <summary>A JSON POST to the host's abuse API.</summary>
    Webhook = 2,
}

/// <summary>Where the delivery of a notice stands.</summary>
public enum NoticeDeliveryState
{
    /// <summary>Waiting for its first delivery attempt.</summary>
    Queued = 1,

    /// <summary>An attempt failed for a reason that may pass (server unreachable, a temporary refusal); it is tried again.</summary>
    Retrying = 2,

    /// <summary>The mail server or the webhook accepted it.</summary>
    Sent = 3,

    /// <summary>It cannot be delivered (recipient refused, or every attempt failed); <see cref="Notice.Error"/> says why.</summary>
    Failed = 4,
}

/// <summary>
/// One notice (or reminder) to a host about content it hosts: what was sent, to whom, by which channel, and where its
/// delivery stands. It names the content by URL only, never an image or a hash of it.
/// </summary>
/// <remarks>
/// Not tenant-owned, like the route it is about: every organisation that sees the route sees its notices
/// (<see cref="RouteAccess.VisibleTo"/>). <see cref="OrganisationId"/> is the hotline that sent it.
/// </remarks>
public sealed class Notice
{
    public const int MaxRecipientLength = 500;
    public const int MaxSubjectLength = 300;
    public const int MaxBodyLength = 20_000;
    public const int MaxErrorLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The hotline that sent it.</summary>
    public Guid OrganisationId { get; init; }

    /// <summary>The route it was composed on; <see cref="Routes"/> holds every route whose URL it names.</summary>
    public Guid RouteId { get; init; }

    public NoticeKind Kind { get; init; }

    /// <summary>For a reminder, the notice it follows up.</summary>
    public Guid? RemindsNoticeId { get; init; }

    public NoticeChannel Channel { get; init; }

    /// <summary>An e-mail address, or the webhook's URL.</summary>
    public required string Recipient { get; init; }

    /// <summary>The template language it was composed in (e.g. <c>en</c>).</summary>
    public required string Language { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>The hotline's reference the host quotes back: the report's hotline reference, or the route id.</summary>
    public required string Reference { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public AuditActorKind CreatedByKind { get; init; }

    public string? CreatedById { get; init; }

    public NoticeDeliveryState State { get; set; } = NoticeDeliveryState.Queued;

    /// <summary>Delivery attempts made so far.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The e-mail's Message-ID, or what the webhook answered as its id (if anything).</summary>
    public string? MessageId { get; set; }

    /// <summary>Why the last attempt failed, in words.</summary>
    public string? Error { get; set; }

    /// <summary>The durable job that delivers it.</summary>
    public Guid? DeliveryJobId { get; set; }

    /// <summary>The durable job that checks, <c>Takedown:ReminderAfter</c> after delivery, whether the content is still online.</summary>
    public Guid? EscalationJobId { get; set; }

    public List<NoticeRoute> Routes { get; init; } = [];
}

/// <summary>One content URL a notice names, with the route it belongs to.</summary>
public sealed class NoticeRoute
{
    public Guid NoticeId { get; init; }

    public Guid RouteId { get; init; }

    public required string Url { get; init; }
}

/// <summary>
/// A route whose host answered neither the notice nor its reminder: the content was still online
/// <c>Takedown:ReminderAfter</c> after the reminder. The hotline finds it in its "host unresponsive" queue, with the
/// suggestion to refer it to police (<c>ReportedToLea</c>, reason <c>HostUnresponsive</c>).
/// </summary>
public sealed class UnresponsiveHost
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid RouteId { get; init; }

    /// <summary>The hotline whose notices went unanswered.</summary>
    public Guid OrganisationId { get; init; }

    /// <summary>The reminder that went unanswered.</summary>
    public Guid ReminderId { get; init; }

    public DateTimeOffset FlaggedAt { get; init; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("Notices");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.CreatedByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.CreatedById).HasMaxLength(64);
        builder.Property(n => n.Recipient).HasMaxLength(Notice.MaxRecipientLength);
        builder.Property(n => n.Language).HasMaxLength(20);
        builder.Property(n => n.Subject).HasMaxLength(Notice.MaxSubjectLength);
        builder.Property(n => n.Body).HasMaxLength(Notice.MaxBodyLength);
        builder.Property(n => n.Reference).HasMaxLength(200);
        builder.Property(n => n.MessageId).HasMaxLength(300);
        builder.Property(n => n.Error).HasMaxLength(Notice.MaxErrorLength);
        builder.HasIndex(n => new { n.RouteId, n.Id });
        builder.HasOne<ContentRoute>().WithMany().HasForeignKey(n => n.RouteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(n => n.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(n => n.Routes).WithOne().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeRouteConfiguration : IEntityTypeConfiguration<NoticeRoute>
{
    public void Configure(EntityTypeBuilder<NoticeRoute> builder)
    {
        builder.ToTable("NoticeRoutes");
        builder.HasKey(r => new { r.NoticeId, r.RouteId });
        builder.Property(r => r.Url).HasMaxLength(4096);
        builder.HasIndex(r => r.RouteId);
        builder.HasOne<ContentRoute>().WithMany().HasForeignKey(r => r.RouteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnresponsiveHostConfiguration : IEntityTypeConfiguration<UnresponsiveHost>
{
    public void Configure(EntityTypeBuilder<UnresponsiveHost> builder)
    {
        builder.ToTable("UnresponsiveHosts");
        builder.HasIndex(f => new { f.RouteId, f.ReminderId }).IsUnique();
        builder.HasIndex(f => new { f.OrganisationId, f.Id });
        builder.HasOne<ContentRoute>().WithMany().HasForeignKey(f => f.RouteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Notice>().WithMany().HasForeignKey(f => f.ReminderId).OnDelete(DeleteBehavior.Restrict);
    }
}
