using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Jobs;

/// <summary>
/// A durable unit of background work: written in the same transaction as the change that causes it, and run
/// at least once by whichever worker claims it.
/// </summary>
/// <remarks>
/// Not tenant-owned: workers claim across all organisations as the system. <see cref="OrganisationId"/> says
/// whom the job is for, so the API shows an organisation only its own jobs (it filters by it explicitly).
/// </remarks>
public sealed class Job
{
    public const int KindMaxLength = 100;
    public const int LeaseOwnerMaxLength = 200;
    public const int LastErrorMaxLength = 4000;

    /// <summary>Version 7: ids sort by creation time, which the newest-first listing relies on.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Which handler runs it (see <c>AddJobHandler</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The handler's input as JSON (System.Text.Json web defaults).</summary>
    public required string Payload { get; init; }

    public JobState State { get; set; }

    /// <summary>How many times a worker has claimed the job; the current attempt's number while it runs.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; init; }

    /// <summary>Not claimed before this time (the retry backoff, or a deliberate delay).</summary>
    public DateTimeOffset RunAfter { get; set; }

    /// <summary>The worker running the job; only it may extend the lease or record the outcome.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the lease holds; after it, another worker may claim the job.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Exception type and message of the last failed attempt (never a stack trace).</summary>
    public string? LastError { get; set; }

    public Guid? OrganisationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Kind).HasMaxLength(Job.KindMaxLength);
        builder.Property(j => j.LeaseOwner).HasMaxLength(Job.LeaseOwnerMaxLength);
        builder.Property(j => j.LastError).HasMaxLength(Job.LastErrorMaxLength);
        // Claiming looks for the oldest due job of a state; listings go by organisation, newest first.
        builder.HasIndex(j => new { j.State, j.RunAfter });
        builder.HasIndex(j => new { j.OrganisationId, j.Id });
    }
}
