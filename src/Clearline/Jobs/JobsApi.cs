using Clearline.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Jobs;

/// <summary><c>/api/v1/jobs</c>: an organisation's background jobs, to see whether its work is done or stuck.</summary>
public static class JobsApi
{
    public const int DefaultPageSize = 50;

    public sealed record JobResponse(
        Guid Id, string Kind, JobState State, int Attempts, int MaxAttempts,
        DateTimeOffset RunAfter, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? LastError);

    /// <summary>Newest first. Pass <see cref="NextCursor"/> as <c>cursor</c> for the next page; null on the last.</summary>
    public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Jobs").RequireScope(ApiScopes.JobsRead);
        group.MapGet("/", List).WithName("ListJobs")
            .WithSummary("The organisation's jobs, newest first, optionally of one state (queued, running, succeeded, failed).");
        group.MapGet("/{id:guid}", Get).WithName("GetJob").WithSummary("One of the organisation's jobs.");
        return group;
    }

    /// <remarks>
    /// Only the key's organisation's jobs: system jobs and other organisations' jobs are never listed. A
    /// principal without an organisation is refused rather than shown everything.
    /// </remarks>
    public static async Task<Results<Ok<JobListResponse>, ValidationProblem, ForbidHttpResult>> List(
        RequestCaller caller, JobQueries jobs, string? state, string? cursor, int? limit, CancellationToken ct)
    {
        if (caller.Current?.OrganisationId is not { } organisation)
        {
            return TypedResults.Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        var wantedState = ParseState(state, errors);
        var after = ParseCursor(cursor, errors);
        if (limit is < 1 or > JobQueries.MaxPageSize)
        {
            errors["limit"] = [$"must be between 1 and {JobQueries.MaxPageSize}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await jobs.ListForOrganisationAsync(organisation, wantedState, after, limit ?? DefaultPageSize, ct);
        return TypedResults.Ok(new JobListResponse([.. page.Items.Select(ToResponse)], page.NextCursor?.ToString("D")));
    }

    /// <remarks>Another organisation's job answers 404, exactly like an id that does not exist.</remarks>
    public static async Task<Results<Ok<JobResponse>, NotFound>> Get(Guid id, Caller caller, JobQueries jobs, CancellationToken ct)
    {
        var job = await jobs.FindAsync(id, ct);
        return job is null || job.OrganisationId is null || job.OrganisationId != caller.OrganisationId
            ? TypedResults.NotFound()
            : TypedResults.Ok(ToResponse(job));
    }

    private static JobState? ParseState(string? state, Dictionary<string, string[]> errors)
    {
        if (state is null)
        {
            return null;
        }

        // Names only: Enum.TryParse would also accept "3" or "1,2".
        var match = Enum.GetValues<JobState>().Where(s => string.Equals(s.ToString(), state, StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 1)
        {
            return match[0];
        }

        errors["state"] = ["must be one of queued, running, succeeded, failed"];
        return null;
    }

    private static Guid? ParseCursor(string? cursor, Dictionary<string, string[]> errors)
    {
        if (cursor is null)
        {
            return null;
        }

        if (Guid.TryParseExact(cursor, "D", out var after))
        {
            return after;
        }

        errors["cursor"] = ["must be the nextCursor of a previous page"];
        return null;
    }

    private static JobResponse ToResponse(Job job) =>
        new(job.Id, job.Kind, job.State, job.Attempts, job.MaxAttempts, job.RunAfter, job.CreatedAt, job.CompletedAt, job.LastError);
}
