using Clearline.AbuseContacts;
using Clearline.ApiKeys;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/routes/{id}/abuse-contacts</c>: the abuse contacts found by RDAP for a content URL's hosting network and
/// its domain's registrar, and asking for a fresh lookup.
/// </summary>
/// <remarks>
/// The organisation comes from the API key. A route the key's organisation may not see answers 404, like one that
/// does not exist. Reading needs <c>routes:read</c>; asking for a lookup needs <c>actions:write</c>, the scope of
/// working a route.
/// </remarks>
public static class AbuseContactsApi
{
    public static RouteGroupBuilder MapAbuseContactsApi(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/routes/{id:guid}/abuse-contacts").WithTags("Abuse contacts");
        contacts.MapGet("/", Contacts).RequireScope(ApiScopes.RoutesRead)
            .WithName("GetAbuseContacts").WithSummary("The content's abuse contacts: the hosting network's and the domain's registrar's, each with its lookup state.");
        contacts.MapPost("/lookup", LookUp).RequireScope(ApiScopes.ActionsWrite)
            .WithName("LookUpAbuseContacts").WithSummary("Queues a fresh RDAP lookup of the content's abuse contacts, ignoring cached answers.");
        contacts.ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<RouteAbuseContacts>, ProblemHttpResult>> Contacts(
        Guid id, Caller caller, RouteViewers viewers, AbuseContactQueries queries, CancellationToken ct)
    {
        var result = await queries.ForViewerAsync(await viewers.FindAsync(caller, ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Accepted<AbuseContactLookupRequested>, ProblemHttpResult>> LookUp(
        Guid id, Caller caller, RouteViewers viewers, AbuseContactLookups lookups, CancellationToken ct)
    {
        var result = await lookups.RequestAsync(await viewers.FindAsync(caller, ct), id, caller.Actor, ct);
        return result.IsSuccess
            ? TypedResults.Accepted($"/api/v1/routes/{id}/abuse-contacts", result.Value)
            : ErrorProblems.Problem(result.Error);
    }
}
