namespace Clearline.Jobs;

/// <summary>Wakes this process's idle workers when it has just saved a new job, so they need not wait for the next poll.</summary>
/// <remarks>In-process only: workers on other machines find the job at their next poll.</remarks>
public sealed class JobSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>. Taken before looking for work, so a job saved meanwhile is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
