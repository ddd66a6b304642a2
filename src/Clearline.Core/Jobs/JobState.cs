namespace Clearline.Jobs;

/// <summary>Where a job is in its life. Stored as its number: never renumber.</summary>
public enum JobState
{
    /// <summary>Waiting until <see cref="Job.RunAfter"/>, then claimable by any worker.</summary>
    Queued = 0,

    /// <summary>Claimed by a worker holding a lease; claimable again once the lease expires.</summary>
    Running = 1,

    Succeeded = 2,

    /// <summary>The dead letter: every attempt failed, or the handler said retrying cannot help. Keeps the last error.</summary>
    Failed = 3,
}
