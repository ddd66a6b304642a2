
namespace Clearline.Jobs;

/// <summary>One page of a newest-first listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record JobPage(IReadOnlyList<Job> Items, Guid? NextCursor);

/// <summary>How many jobs of one kind are in one state.</summary>
public sealed record JobKindCount(string Kind, JobState State, long Count);

/// <summary>What the API and the admin page show of the queue.</summary>
public sealed class JobQueries(ClearlineDbContext db)
{
    public const int MaxPageSize = 100;

    /// <summary>One organisation's jobs, newest first, after <paramref name="cursor"/> (the last id of the previous page).</summary>
    public Task<JobPage> ListForOrganisationAsync(Guid organisationId, JobState? state, Guid? cursor, int limit, CancellationToken ct) =>
        ListAsync(organisationId, state, cursor, limit, ct);

    /// <summary>Every organisation's and the system's jobs, newest first: for system administrators only.</summary>
    public Task<JobPage> ListAllAsync(JobState? state, Guid? cursor, int limit, CancellationToken ct) =>
        ListAsync(null, state, cursor, limit, ct);

    private async Task<JobPage> ListAsync(Guid? organisationId, JobState? state, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var query = db.Set<Job>().AsNoTracking();
        if (organisationId is { } organisation)
        {
            query = query.Where(j => j.OrganisationId == organisation);
        }

        if (state is { } wanted)
        {
            query = query.Where(j => j.State == wanted);
        }

        if (cursor is { } after)
        {
            query = query.Where(j => j.Id.CompareTo(after) < 0);
        }

        var items = await query.OrderByDescending(j => j.Id).Take(limit + 1).ToListAsync(ct);
        return items.Count > limit ? new JobPage(items[..limit], items[limit - 1].Id) : new JobPage(items, null);
    }

    /// <remarks>The caller decides whose job it may see; the API passes the key's organisation.</remarks>
    public Task<Job?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Job>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);

    /// <summary>How many jobs wait to run (queued, due or not) and are dead-lettered, per kind that has any: for the queue metrics.</summary>
    public async Task<IReadOnlyList<JobKindCount>> CountQueuedAndFailedByKindAsync(CancellationToken ct)
    {
        var counts = await db.Set<Job>().AsNoTracking().Where(j => j.State == JobState.Queued || j.State == JobState.Failed)
            .GroupBy(j => new { j.Kind, j.State }).Select(g => new { g.Key.Kind, g.Key.State, Count = g.LongCount() })
            .ToListAsync(ct);
        return [.. counts.Select(c => new JobKindCount(c.Kind, c.State, c.Count))];
    }

    /// <summary>How many jobs are in each state, every state present (zero where none).</summary>
    public async Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken ct)
    {
        var counts = await db.Set<Job>().GroupBy(j => j.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<JobState>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0);
    }
}
