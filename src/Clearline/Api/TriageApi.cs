using Clearline.ApiKeys;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/triage</c>: the hotline's public report URLs waiting in triage, ranked by a score shown with its reasons,
/// and the analyst's decision on each: accept (the report becomes inserted, its crawl reused) or close with a reason.
/// </summary>
/// <remarks>
/// The id is the public report URL's. Another hotline's URL answers 404; a URL decided already answers 409 saying how.
/// Reading needs triage:read, deciding triage:write.
/// </remarks>
public static class TriageApi
{
    /// <param name="HotlineReference">The hotline's own reference for the report (ICCAM context).</param>
    /// <param name="SiteType">The kind of site, e.g. ImageHost.</param>
    /// <param name="Commerciality">Whether the site is commercial.</param>
    /// <param name="PaymentMethods">Payment methods seen on the site.</param>
    /// <param name="Memo">A note for the hotline's colleagues.</param>
    public sealed record TriageAcceptRequest(
        string? HotlineReference, SiteType? SiteType, Commerciality? Commerciality, IReadOnlyList<PaymentMethods>? PaymentMethods, string? Memo)
    {
        public ReportContextEdit? ToEdit() =>
            HotlineReference is null && SiteType is null && Commerciality is null && PaymentMethods is null && Memo is null
                ? null
                : new(HotlineReference, Memo, SiteType ?? default, Commerciality ?? default,
                    PaymentMethods?.Aggregate(Reports.PaymentMethods.None, (all, method) => all | method) ?? Reports.PaymentMethods.None);
    }

    /// <param name="Reason">Why: NotIllegal, Adult, NotFound, OutsideRemit or Duplicate.</param>
    public sealed record TriageCloseRequest(TriageCloseReason? Reason);

    /// <param name="Checking">Still being checked: ranked by what is known so far.</param>
    /// <param name="Failed">The crawl failed.</param>
    /// <param name="Urls">URLs in the crawl so far.</param>
    /// <param name="Fetched">URLs fetched.</param>
    /// <param name="FetchFailed">URLs whose fetch failed.</param>
    /// <param name="Media">Distinct media found.</param>
    /// <param name="KnownBaseline">Items known as Baseline material.</param>
    /// <param name="KnownNational">Items known as National material.</param>
    /// <param name="NotIllegal">Items decided not illegal.</param>
    /// <param name="Unknown">Items no list or decision knows.</param>
    public sealed record TriageCrawlResponse(
        bool Checking, bool Failed, int Urls, int Fetched, int FetchFailed, int Media, int KnownBaseline, int KnownNational, int NotIllegal, int Unknown);

    /// <param name="Id">The public report URL's id, for accept and close.</param>
    /// <param name="ReportId">The report made of it.</param>
    /// <param name="Reference">The public report's reference.</param>
    /// <param name="Url">The URL as reported.</param>
    /// <param name="ReceivedAt">When the public report came in.</param>
    /// <param name="WhatSeen">What the reporter says they saw.</param>
    /// <param name="WhereFound">Where they came across it.</param>
    /// <param name="AlreadyKnown">The network had the URL: its first report's crawl is reused.</param>
    /// <param name="Score">Higher first; the older report first among equals.</param>
    /// <param name="Standing">The best thing found, e.g. KnownBaseline.</param>
    /// <param name="Reasons">The score's reasons in words.</param>
    /// <param name="Crawl">What the crawl found so far.</param>
    public sealed record TriageItemResponse(
        Guid Id, Guid ReportId, string Reference, string Url, DateTimeOffset ReceivedAt, string? WhatSeen, string? WhereFound, bool AlreadyKnown,
        int Score, TriageStanding Standing, IReadOnlyList<string> Reasons, TriageCrawlResponse Crawl);

    public static RouteGroupBuilder MapTriageApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/triage").WithTags("Triage");
        group.MapGet("/", List).RequireScope(ApiScopes.TriageRead)
            .WithName("ListTriage").WithSummary("The public report URLs waiting in triage, highest score first, each with its score's reasons.");
        group.MapPost("/{id:guid}/accept", Accept).RequireScope(ApiScopes.TriageWrite)
            .WithName("AcceptTriage").WithSummary("Accepts a public report URL: its report becomes inserted, with the context given, its crawl reused.");
        group.MapPost("/{id:guid}/close", Close).RequireScope(ApiScopes.TriageWrite)
            .WithName("CloseTriage").WithSummary("Closes a public report URL with a reason; it is never inserted.");
        group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<TriageItemResponse>>, ProblemHttpResult>> List(
        Caller caller, TriageQueue queue, CancellationToken ct, int? limit = null)
    {
        if (caller.Kind != OrganisationKind.Hotline)
        {
            return ErrorProblems.Problem(new RefusedError("Only a hotline has a triage queue."));
        }

        var entries = await queue.ListAsync(caller, limit ?? TriageQueue.MaxEntries, ct);
        return TypedResults.Ok<IReadOnlyList<TriageItemResponse>>([.. entries.Select(Response)]);
    }

    public static async Task<Results<Ok<TriageDecision>, ProblemHttpResult>> Accept(
        Guid id, TriageAcceptRequest? body, Caller caller, TriageDecisions decisions, CancellationToken ct)
    {
        var result = await decisions.AcceptAsync(caller, id, body?.ToEdit(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<TriageDecision>, ProblemHttpResult>> Close(
        Guid id, TriageCloseRequest body, Caller caller, TriageDecisions decisions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await decisions.CloseAsync(caller, id, body.Reason, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    private static TriageItemResponse Response(TriageEntry entry)
    {
        var found = entry.Found;
        return new TriageItemResponse(
            entry.Id, entry.ReportId, entry.Reference, entry.Url, entry.ReceivedAt, entry.WhatSeen, entry.WhereFound, entry.AlreadyKnown,
            entry.Score.Points, entry.Score.Standing, entry.Score.Reasons,
            new TriageCrawlResponse(found.Checking, found.Failed, found.Urls, found.Fetched, found.FetchFailed, found.Media,
                found.KnownBaseline, found.KnownNational, found.NotIllegal, found.Unknown));
    }
}
