using System.Collections.Concurrent;

namespace Clearline.Audit;

/// <summary>
/// This process's audit events waiting for their turn to be appended, for group commit: whichever appender holds the
/// turn appends every waiting event (up to <see cref="MaxBatch"/>) in one transaction, under one chain lock, and tells
/// each of their appenders that its event is committed.
/// </summary>
/// <remarks>
/// An appender returns only once its own event is committed, exactly as when it appended alone: group commit saves the
/// lock, the head read and the commit per event, never the durability of one. Hash checks append one event per request,
/// so under load it is what lets many requests share one commit instead of queueing on the chain's lock one by one.
/// </remarks>
public sealed class AuditAppendQueue : IDisposable
{
    /// <summary>The most events one transaction appends; a larger backlog is appended in several.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentQueue<PendingAudit> _waiting = new();

    internal SemaphoreSlim Turn { get; } = new(1, 1);

    internal PendingAudit Enqueue(AuditEvent auditEvent)
    {
        var pending = new PendingAudit(auditEvent);
        _waiting.Enqueue(pending);
        return pending;
    }

    /// <summary>The oldest waiting events, at most <see cref="MaxBatch"/>.</summary>
    internal List<PendingAudit> Take()
    {
        var batch = new List<PendingAudit>();
        while (batch.Count < MaxBatch && _waiting.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }

        return batch;
    }

    public void Dispose() => Turn.Dispose();
}

/// <summary>One event waiting in the <see cref="AuditAppendQueue"/>, and whether it was committed.</summary>
internal sealed record PendingAudit(AuditEvent Event)
{
    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
