using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.LawEnforcement;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>One item of the police unit's content, as the API returns it.</summary>
public sealed record PoliceContentItemResponse(
    string Sha256,
    Verdict? Verdict,
    string? Jurisdiction,
    AgeGroup? AgeGroup,
    IReadOnlyList<string> HostingCountries,
    IReadOnlyList<string> ContentUrls,
    DateTimeOffset FirstFoundAt,
    DateTimeOffset DecidedAt,
    bool Referred,
    Guid? ReferralId);

public sealed record PoliceContentResponse(IReadOnlyList<PoliceContentItemResponse> Items, string? NextCursor);

/// <summary><c>/api/v1/police/content</c>: "Illegal content in our country", the same list as the page <c>/Police/Content</c>.</summary>
/// <remarks>
/// <c>referrals:read</c> is within the ceiling of police units only (<see cref="Permission.WorkReferrals"/>): hotlines,
/// industry, the coordinator and INTERPOL get 403. Which items a unit gets is <see cref="PortalAccess"/>'s one rule.
/// </remarks>
public static class PoliceContentApi
{
    public static RouteGroupBuilder MapPoliceContentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/police/content", List).RequireScope(ApiScopes.ReferralsRead).WithTags("Police").WithName("ListPoliceContent")
            .WithSummary("Content illegal in the police unit's country and hosted there, and every item referred to it, newest decision first; pass nextCursor as cursor for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    public static async Task<Results<Ok<PoliceContentResponse>, ProblemHttpResult>> List(
        Caller caller, PoliceContent content, CancellationToken ct, string? cursor = null, int limit = 50)
    {
        var page = await content.PageAsync(Officer.For(caller), cursor, limit, ct);
        if (!page.IsSuccess)
        {
            return ErrorProblems.Problem(page.Error);
        }

        return TypedResults.Ok(new PoliceContentResponse(
            [.. page.Value.Items.Select(i => new PoliceContentItemResponse(
                i.MediaSha256, i.Verdict, i.Jurisdiction, i.AgeGroup, i.HostingCountries, i.ContentUrls, i.FirstFoundAt, i.DecidedAt, i.Referred, i.ReferralId))],
            page.Value.NextCursor));
    }
}
