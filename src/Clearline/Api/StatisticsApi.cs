using Clearline.ApiKeys;
using Clearline.LawEnforcement;
using Clearline.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/statistics</c>: the key's hotline's or the network's figures for a period, as JSON or CSV.</summary>
/// <remarks>
/// The hotline scope is the key's organisation, never one from input; the network scope is open to every key with
/// the scope because it returns aggregates only (<see cref="StatisticsScope"/>).
/// </remarks>
public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics", Get).RequireScope(ApiScopes.StatisticsRead).WithTags("Statistics").WithName("GetStatistics")
            .WithSummary("Figures for the reports received in [from, to): scope=hotline (the key's organisation, default) or network; the trend per interval=week or month.")
            .WithDescription("INHOPE's figures are in `outcomes` (and `assignedOutcomes` for the hotline scope): referral to police within 3 days of the first report, removal the same UTC day, hosting countries with and without a network hotline, and NotIllegal closings of National routes under the receiving hotline's own law. Withdrawn routes are left out of every takedown figure. `timeToRemoval` is the histogram of removed routes; `trend` holds the figures per calendar week (Monday, UTC) or month, cut to the period, empty buckets included. Without `interval`, periods up to 13 weeks are cut in weeks, longer ones in months. Only inserted reports count: a public report's URL once an analyst accepted it in triage. `publicReports` counts the public reports received in the period: their URLs accepted, closed (per reason) and pending, the share accepted of those decided, and the median and 90th percentile of the time from public report to acceptance.")
            .ProducesValidationProblem();
        api.MapGet("/statistics.csv", GetCsv).RequireScope(ApiScopes.StatisticsRead).WithTags("Statistics").WithName("ExportStatistics")
            .WithSummary("The same figures as CSV: one row per metric, key and value; the trend last as trend_ rows keyed by the bucket's start.")
            .Produces(StatusCodes.Status200OK, contentType: StatisticsCsv.ContentType)
            .ProducesValidationProblem();
        api.MapGet("/statistics/law-enforcement", GetLawEnforcement).RequireScope(ApiScopes.StatisticsRead).WithTags("Statistics").WithName("GetLawEnforcementStatistics")
            .WithSummary("A police unit's referral figures, or INTERPOL's Baseline and National items by deciding country, for [from, to); police units and INTERPOL only.")
            .ProducesValidationProblem();
        api.MapGet("/statistics/law-enforcement.csv", GetLawEnforcementCsv).RequireScope(ApiScopes.StatisticsRead).WithTags("Statistics").WithName("ExportLawEnforcementStatistics")
            .WithSummary("The same figures as CSV: one row per metric, key and value.")
            .Produces(StatusCodes.Status200OK, contentType: StatisticsCsv.ContentType)
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<LawEnforcementFigures>, ProblemHttpResult>> GetLawEnforcement(
        Caller caller, LawEnforcementStatistics statistics, TimeProvider time, CancellationToken ct, string? from = null, string? to = null)
    {
        var figures = await ComputeLawEnforcementAsync(caller, statistics, time, from, to, ct);
        return figures.IsSuccess ? TypedResults.Ok(figures.Value) : ErrorProblems.Problem(figures.Error);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetLawEnforcementCsv(
        Caller caller, LawEnforcementStatistics statistics, TimeProvider time, CancellationToken ct, string? from = null, string? to = null)
    {
        var figures = await ComputeLawEnforcementAsync(caller, statistics, time, from, to, ct);
        return figures.IsSuccess
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(LawEnforcementCsv.Write(figures.Value)), StatisticsCsv.ContentType, LawEnforcementCsv.FileName(figures.Value))
            : ErrorProblems.Problem(figures.Error);
    }

    private static async Task<Result<LawEnforcementFigures>> ComputeLawEnforcementAsync(
        Caller caller, LawEnforcementStatistics statistics, TimeProvider time, string? from, string? to, CancellationToken ct)
    {
        var period = StatisticsPeriod.Parse(from, to, time.GetUtcNow());
        return period.IsSuccess ? await statistics.ComputeAsync(Officer.For(caller), period.Value, ct) : period.Error;
    }

    /// <param name="caller">Who asks: the hotline scope is its organisation.</param>
    /// <param name="queries">The statistics.</param>
    /// <param name="time">The clock, for the default period.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <param name="scope"><c>hotline</c> (default) or <c>network</c>.</param>
    /// <param name="from">Start of the period, an ISO 8601 date or instant (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="interval"><c>week</c> or <c>month</c>: how the trend cuts the period.</param>
    public static async Task<Results<Ok<StatisticsFigures>, ProblemHttpResult>> Get(
        Caller caller, StatisticsQueries queries, TimeProvider time, CancellationToken ct,
        string? scope = null, string? from = null, string? to = null, string? interval = null)
    {
        var figures = await ComputeAsync(caller, queries, time, scope, from, to, interval, ct);
        return figures.IsSuccess ? TypedResults.Ok(figures.Value) : ErrorProblems.Problem(figures.Error);
    }

    /// <param name="caller">Who asks: the hotline scope is its organisation.</param>
    /// <param name="queries">The statistics.</param>
    /// <param name="time">The clock, for the default period.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <param name="scope"><c>hotline</c> (default) or <c>network</c>.</param>
    /// <param name="from">Start of the period, an ISO 8601 date or instant (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="interval"><c>week</c> or <c>month</c>: how the trend cuts the period.</param>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCsv(
        Caller caller, StatisticsQueries queries, TimeProvider time, CancellationToken ct,
        string? scope = null, string? from = null, string? to = null, string? interval = null)
    {
        var figures = await ComputeAsync(caller, queries, time, scope, from, to, interval, ct);
        return figures.IsSuccess
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(StatisticsCsv.Write(figures.Value)), StatisticsCsv.ContentType, StatisticsCsv.FileName(figures.Value))
            : ErrorProblems.Problem(figures.Error);
    }

    private static async Task<Result<StatisticsFigures>> ComputeAsync(
        Caller caller, StatisticsQueries queries, TimeProvider time, string? scope, string? from, string? to, string? interval, CancellationToken ct)
    {
        var request = StatisticsRequest.Parse(scope, from, to, interval, caller.OrganisationId, time.GetUtcNow());
        return request.IsSuccess ? await queries.ComputeAsync(request.Value, ct) : request.Error;
    }
}
