using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Jobs;

/// <summary>How this process runs jobs (section <c>Workers</c>).</summary>
public sealed class WorkerOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Workers";

    /// <summary>Whether <c>clearline serve</c> runs workers in-process (<c>serve --no-workers</c> turns them off too).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs run at once by this process.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a claim holds without a heartbeat; a killed worker's job is resumed by another after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for due jobs (a job enqueued by this process wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the first retry; it doubles with every further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts, however many have failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a job is dead-lettered, for jobs enqueued without their own limit.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How often a running job's lease is renewed: often enough that two renewals may fail before it lapses.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("must not be shorter than RetryBaseDelay", [nameof(MaxRetryDelay)]);
        }
    }
}
