using Clearline.ApiKeys;
using Clearline.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

public static class OrganisationsApi
{
    public sealed record OrganisationResponse(Guid Id, string Name, OrganisationKind Kind, string? CountryCode, string? LawProfile);

    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations");
        group.MapGet("/me", GetMine)
            .RequireScope(ApiScopes.OrganisationRead)
            .WithName("GetMyOrganisation")
            .WithSummary("The organisation the API key belongs to.");
        return group;
    }

    /// <remarks>The organisation comes from the key, never from the request.</remarks>
    public static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetMine(Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(caller.OrganisationId, ct);
        return organisation is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new OrganisationResponse(organisation.Id, organisation.Name, organisation.Kind, organisation.CountryCode, organisation.LawProfile));
    }
}
