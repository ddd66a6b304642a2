using Clearline.ApiKeys;
using Clearline.Deconfliction;
using Clearline.LawEnforcement;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// Deconfliction: <c>/api/v1/interests</c> (a police unit) and <c>/api/v1/interpol/interests</c> (INTERPOL) answer, for an
/// item the organisation sees, which other organisations have an interest in it, its matched hashes or its site;
/// <c>/api/v1/overlaps</c> lists every current overlap for the coordinator.
/// </summary>
/// <remarks>
/// <para>The same query is mapped twice because a key holds scopes, and no scope belongs to both police and INTERPOL
/// alone: police keys read with <c>referrals:read</c> (their work is referrals), INTERPOL keys with
/// <c>escalations:read</c> (their interest comes from victim identification). Hotlines, industry and the coordinator
/// hold neither (403); a police unit asking about an item it does not see gets 404, like one that does not exist.</para>
/// <para>The overlaps need <c>audit:read</c>, the closest scope a coordinator key holds (no coordinator-only read scope
/// exists); any organisation other than the coordinator is refused (403) in Core, since hotlines hold audit:read too.</para>
/// </remarks>
public static class DeconflictionApi
{
    public static RouteGroupBuilder MapDeconflictionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Deconfliction");
        group.MapGet("/interests", ForItem).RequireScope(ApiScopes.ReferralsRead).WithName("ListInterests")
            .WithSummary("For an item your police unit sees: the other organisations with an interest in it, a hash it matched or its site (who, since when, a contact; never notes).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/interpol/interests", ForItem).RequireScope(ApiScopes.EscalationsRead).WithName("ListInterpolInterests")
            .WithSummary("For an item INTERPOL sees: the other organisations with an interest in it, a hash it matched or its site (who, since when, a contact; never notes).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/overlaps", List).RequireScope(ApiScopes.AuditRead).WithName("ListOverlaps")
            .WithSummary("The coordinator's view: every current overlap of organisations' interests (on which item, hash or site, who, since when).");
        return api;
    }

    public static async Task<Results<Ok<ItemInterests>, ProblemHttpResult>> ForItem(string? item, Caller caller, Overlaps overlaps, CancellationToken ct)
    {
        var result = await overlaps.ForItemAsync(Officer.For(caller), item ?? string.Empty, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<IReadOnlyList<NetworkOverlap>>, ProblemHttpResult>> List(Caller caller, Overlaps overlaps, CancellationToken ct)
    {
        var result = await overlaps.ListAsync(caller, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }
}
