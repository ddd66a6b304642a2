using Clearline.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/people</c>: the organisation's administrator invites people and changes their accounts.</summary>
/// <remarks>
/// Every operation needs <c>organisation:admin</c>, reads included (a list of the organisation's people is theirs to
/// know). The organisation is the key's own; another organisation's person answers 404, exactly like one that does not exist.
/// </remarks>
public static class PeopleApi
{
    public sealed record PersonResponse(
        Guid Id, string Email, Role Role, bool Disabled, bool LockedOut, bool AuthenticatorEnrolled, bool MustChangePassword, DateTimeOffset CreatedAt)
    {
        public static PersonResponse From(Person p) => new(p.Id, p.Email, p.Role, p.Disabled, p.LockedOut, p.AuthenticatorEnrolled, p.MustChangePassword, p.CreatedAt);
    }

    /// <summary>The invited person and their one-time password, which is shown in this answer only and never stored.</summary>
    public sealed record InvitedResponse(PersonResponse Person, string OneTimePassword);

    public sealed record InviteRequest(string Email, Role Role);

    public sealed record RoleRequest(Role Role);

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/people").WithTags("People").RequireScope(ApiScopes.OrganisationAdmin);
        group.MapGet("/", List).WithName("ListPeople").WithSummary("The organisation's people, with their role and whether they may sign in.");
        group.MapPost("/", Invite).WithName("InvitePerson")
            .WithSummary("Invite a person: the answer holds a one-time password, shown once; they change it and enrol an authenticator at first sign-in.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", Get).WithName("GetPerson").WithSummary("One person of the organisation.");
        group.MapPut("/{id:guid}/role", ChangeRole).WithName("ChangePersonRole")
            .WithSummary("Give the person another role that the organisation's kind allows; their sessions end.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/disable", Disable).WithName("DisablePerson")
            .WithSummary("Stop the person signing in; their sessions end at once.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/enable", Enable).WithName("EnablePerson")
            .WithSummary("Let a disabled person sign in again.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/unlock", Unlock).WithName("UnlockPerson")
            .WithSummary("End a lockout after too many failed sign-ins.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/reset-authenticator", ResetAuthenticator).WithName("ResetPersonAuthenticator")
            .WithSummary("Forget the person's authenticator: their sessions end and they enrol a new one at next sign-in.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Ok<PersonResponse[]>> List(Caller caller, UserDirectory people, CancellationToken ct) =>
        TypedResults.Ok((await people.ListAsync(caller.OrganisationId, ct)).Select(PersonResponse.From).ToArray());

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Get(Guid id, Caller caller, UserDirectory people, CancellationToken ct) =>
        await people.FindAsync(caller.OrganisationId, id, ct) is { } person
            ? TypedResults.Ok(PersonResponse.From(person))
            : ErrorProblems.Problem(new NotFoundError("No such person in your organisation."));

    public static async Task<Results<Created<InvitedResponse>, ProblemHttpResult>> Invite(
        InviteRequest body, Caller caller, UserAdministration administration, UserDirectory people, CancellationToken ct)
    {
        var result = await administration.InviteAsync(PeopleAdministrator.For(caller), body.Email, body.Role, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var person = await people.FindAsync(caller.OrganisationId, result.Value.User.Id, ct);
        return TypedResults.Created($"/api/v1/people/{result.Value.User.Id}", new InvitedResponse(PersonResponse.From(person!), result.Value.OneTimePassword));
    }

    public static Task<Results<Ok<PersonResponse>, ProblemHttpResult>> ChangeRole(
        Guid id, RoleRequest body, Caller caller, UserAdministration administration, CancellationToken ct) =>
        AnswerAsync(administration.ChangeRoleAsync(PeopleAdministrator.For(caller), id, body.Role, ct));

    public static Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Disable(Guid id, Caller caller, UserAdministration administration, CancellationToken ct) =>
        AnswerAsync(administration.DisableAsync(PeopleAdministrator.For(caller), id, ct));

    public static Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Enable(Guid id, Caller caller, UserAdministration administration, CancellationToken ct) =>
        AnswerAsync(administration.EnableAsync(PeopleAdministrator.For(caller), id, ct));

    public static Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Unlock(Guid id, Caller caller, UserAdministration administration, CancellationToken ct) =>
        AnswerAsync(administration.UnlockAsync(PeopleAdministrator.For(caller), id, ct));

    public static Task<Results<Ok<PersonResponse>, ProblemHttpResult>> ResetAuthenticator(
        Guid id, Caller caller, UserAdministration administration, CancellationToken ct) =>
        AnswerAsync(administration.ResetAuthenticatorAsync(PeopleAdministrator.For(caller), id, ct));

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> AnswerAsync(Task<Result<Person>> change)
    {
        var result = await change;
        return result.IsSuccess ? TypedResults.Ok(PersonResponse.From(result.Value)) : ErrorProblems.Problem(result.Error);
    }
}
