using Clearline.ApiKeys;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Clearline.Api;

/// <summary>
/// <c>POST /api/v1/public-reports</c>: a hotline's own form or app passes on a report from the public. It gets the same
/// checks as the <c>/report</c> form (URL limits, private addresses, consent for a contact address) and waits in the
/// hotline's triage like the form's; the reporter's reference opens the same status page.
/// </summary>
/// <remarks>The proof of work and the per-client limits are the form's; here the key's own rate limit applies.</remarks>
public static class PublicReportsApi
{
    /// <param name="Urls">The web addresses the reporter gives (at most 10).</param>
    /// <param name="WhatSeen">What the reporter saw, in their words.</param>
    /// <param name="WhereFound">Where they came across it.</param>
    /// <param name="ContactEmail">Their e-mail address, kept (sealed) only with contactConsent.</param>
    /// <param name="ContactConsent">Whether the reporter consented to the address being kept.</param>
    /// <param name="WantsFeedback">Whether they want to hear when it is handled.</param>
    /// <param name="Language">The reporter's language, e.g. de.</param>
    public sealed record PublicReportRequest(
        IReadOnlyList<string>? Urls, string? WhatSeen, string? WhereFound, string? ContactEmail, bool? ContactConsent, bool? WantsFeedback, string? Language);

    /// <param name="Reference">The reporter's reference, the key to the status page.</param>
    /// <param name="StatusUrl">The status page, relative to this server.</param>
    /// <param name="Urls">Each URL, and whether the network already had it (then it is linked, not crawled again).</param>
    public sealed record PublicReportResponse(string Reference, string StatusUrl, IReadOnlyList<ReceivedPublicUrl> Urls);

    public static RouteGroupBuilder MapPublicReportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/public-reports", Submit).RequireScope(ApiScopes.PublicReportsWrite).WithTags("Public reports")
            .WithName("SubmitPublicReport")
            .WithSummary("Pass on a report from the public: its URLs are de-duplicated, crawled and matched, then wait in the hotline's triage. Returns the reporter's reference.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<PublicReportResponse>, ProblemHttpResult>> Submit(
        PublicReportRequest body, Caller caller, PublicReportIntake intake, IOptions<PublicReportingOptions> options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!options.Value.Enabled)
        {
            return ErrorProblems.Problem(new NotFoundError("Public reporting is switched off on this server."));
        }

        if (caller.Kind != OrganisationKind.Hotline)
        {
            return ErrorProblems.Problem(new RefusedError("Only a hotline receives reports from the public."));
        }

        var submission = new PublicReportSubmission(
            body.Urls, body.WhatSeen, body.WhereFound, body.ContactEmail, body.ContactConsent ?? false, body.WantsFeedback ?? false, body.Language);
        var result = await intake.SubmitAsync(caller.OrganisationId, submission, PublicReportChannel.Api, caller.Actor, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var statusUrl = "/report/status/" + result.Value.Reference;
        return TypedResults.Created(statusUrl, new PublicReportResponse(result.Value.Reference, statusUrl, result.Value.Urls));
    }
}
