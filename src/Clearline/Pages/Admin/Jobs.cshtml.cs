using Clearline.Jobs;
using Clearline.Matching;

namespace Clearline.Pages.Admin;

/// <summary>The job queue of the whole installation: how much waits, what runs, what failed and why; failed jobs can be retried.</summary>
/// <remarks>System administrators only (see <see cref="PageConventions"/>): it spans every organisation.</remarks>
public sealed class JobsModel(Caller caller, JobQueries jobs, JobQueue queue, KnownPdqIndex knownIndex) : PageModel
{
    public const int ShownPerState = 20;

    public IReadOnlyDictionary<JobState, int> Counts { get; private set; } = new Dictionary<JobState, int>();

    /// <summary>This process's replica of the known PDQ hashes: how many, and the memory it holds.</summary>
    public (int Count, long MemoryBytes) KnownIndex => (knownIndex.Count, knownIndex.MemoryBytes);

    public IReadOnlyList<Job> Queued { get; private set; } = [];

    public IReadOnlyList<Job> Running { get; private set; } = [];

    public IReadOnlyList<Job> Failed { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await jobs.CountByStateAsync(ct);
        Queued = (await jobs.ListAllAsync(JobState.Queued, null, ShownPerState, ct)).Items;
        Running = (await jobs.ListAllAsync(JobState.Running, null, ShownPerState, ct)).Items;
        Failed = (await jobs.ListAllAsync(JobState.Failed, null, ShownPerState, ct)).Items;
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        StatusMessage = await queue.RetryAsync(id, caller.Actor, ct)
            ? "The job is queued again."
            : "That job is no longer failed; nothing was changed.";
        return RedirectToPage();
    }
}
