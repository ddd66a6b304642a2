using Clearline.ApiKeys;
using Clearline.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/organisations</c>: a key's own organisation, and the coordinator's administration of the network's members.</summary>
/// <remarks>
/// Administration needs <c>organisation:admin</c> and a key of the coordinator: <see cref="NetworkAdministrator"/>
/// refuses every other organisation's key with 403, whatever it names.
/// </remarks>
public static class OrganisationsApi
{
    public sealed record OrganisationResponse(
        Guid Id, string Name, OrganisationKind Kind, string? CountryCode, string? LawProfile, bool Active = true, DateTimeOffset? DeactivatedAt = null)
    {
        public static OrganisationResponse From(Organisation o) => new(o.Id, o.Name, o.Kind, o.CountryCode, o.LawProfile, o.IsActive, o.DeactivatedAt);
    }

    public sealed record CreateOrganisationRequest(string Name, OrganisationKind Kind, string? CountryCode, string? LawProfile);

    /// <summary>Fields left out stay as they are; <c>kind</c> is refused, since it is fixed at creation.</summary>
    public sealed record ChangeOrganisationRequest(string? Name, string? CountryCode, string? LawProfile, OrganisationKind? Kind);

    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations");
        group.MapGet("/me", GetMine)
            .RequireScope(ApiScopes.OrganisationRead)
            .WithName("GetMyOrganisation")
            .WithSummary("The organisation the API key belongs to.");
        var admin = ApiScopes.OrganisationAdmin;
        group.MapGet("/", List).RequireScope(admin).WithName("ListOrganisations")
            .WithSummary("Every organisation of the network, active or not (coordinator only).").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireScope(admin).WithName("CreateOrganisation")
            .WithSummary("Create a member organisation (coordinator only).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", Get).RequireScope(admin).WithName("GetOrganisation")
            .WithSummary("One organisation of the network (coordinator only).").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPatch("/{id:guid}", Change).RequireScope(admin).WithName("ChangeOrganisation")
            .WithSummary("Rename an organisation or change its country or law profile (coordinator only); the kind is fixed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/deactivate", Deactivate).RequireScope(admin).WithName("DeactivateOrganisation")
            .WithSummary("Deactivate an organisation: its people's sessions end and its keys are refused (coordinator only).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reactivate", Reactivate).RequireScope(admin).WithName("ReactivateOrganisation")
            .WithSummary("Reactivate a deactivated organisation (coordinator only).").ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    /// <remarks>The organisation comes from the key, never from the request.</remarks>
    public static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetMine(Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(caller.OrganisationId, ct);
        return organisation is null ? TypedResults.NotFound() : TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    public static async Task<Results<Ok<OrganisationResponse[]>, ProblemHttpResult>> List(Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        return administrator.IsSuccess
            ? TypedResults.Ok((await organisations.ListAsync(ct)).Select(OrganisationResponse.From).ToArray())
            : ErrorProblems.Problem(administrator.Error);
    }

    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> Get(Guid id, Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        if (!administrator.IsSuccess)
        {
            return ErrorProblems.Problem(administrator.Error);
        }

        return await organisations.FindAsync(id, ct) is { } organisation
            ? TypedResults.Ok(OrganisationResponse.From(organisation))
            : ErrorProblems.Problem(new NotFoundError("No such organisation."));
    }

    public static async Task<Results<Created<OrganisationResponse>, ProblemHttpResult>> Create(
        CreateOrganisationRequest body, Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        if (!administrator.IsSuccess)
        {
            return ErrorProblems.Problem(administrator.Error);
        }

        var result = await organisations.CreateAsync(new NewOrganisation(body.Name ?? "", body.Kind, body.CountryCode, body.LawProfile), administrator.Value, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/organisations/{result.Value.Id}", OrganisationResponse.From(result.Value))
            : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> Change(
        Guid id, ChangeOrganisationRequest body, Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        if (!administrator.IsSuccess)
        {
            return ErrorProblems.Problem(administrator.Error);
        }

        if (body.Kind is not null)
        {
            return ErrorProblems.Problem(new InvalidError("kind", "The kind is chosen when an organisation is created and cannot change."));
        }

        return Answer(await organisations.ChangeAsync(id, new OrganisationChanges(body.Name, body.CountryCode, body.LawProfile), administrator.Value, ct));
    }

    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> Deactivate(
        Guid id, Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        return administrator.IsSuccess ? Answer(await organisations.DeactivateAsync(id, administrator.Value, ct)) : ErrorProblems.Problem(administrator.Error);
    }

    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> Reactivate(
        Guid id, Caller caller, OrganisationDirectory organisations, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        return administrator.IsSuccess ? Answer(await organisations.ReactivateAsync(id, administrator.Value, ct)) : ErrorProblems.Problem(administrator.Error);
    }

    private static Results<Ok<OrganisationResponse>, ProblemHttpResult> Answer(Result<Organisation> result) =>
        result.IsSuccess ? TypedResults.Ok(OrganisationResponse.From(result.Value)) : ErrorProblems.Problem(result.Error);
}
