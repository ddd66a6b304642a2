using Clearline.ApiKeys;
using Clearline.Notices;
using Clearline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/routes/{id}/notices</c> and <c>/api/v1/notices/unresponsive</c>: composing a notice to the host from a
/// template, sending it by e-mail or webhook (recorded as the <c>ReportedToHost</c> action), the route's notices and
/// reminders with their delivery state, and the routes whose host did not answer.
/// </summary>
/// <remarks>
/// Composing and sending need <c>actions:write</c> and are for the hotline the content is assigned to (others that see
/// the route: 403 naming it; others: 404). Reading needs <c>routes:read</c>.
/// </remarks>
public static class NoticesApi
{
    /// <summary>What to compose: a template language (default <c>en</c>), and whether to gather our other open content on the same IP address.</summary>
    public sealed record DraftRequest(string? Language, bool? GatherSameHost);

    /// <summary>The notice to send: channel, recipient (e-mail address, or the webhook URL), language, subject and text, and the routes gathered into it.</summary>
    public sealed record SendRequest(NoticeChannel? Channel, string? Recipient, string? Language, string? Subject, string? Body, IReadOnlyList<Guid>? RouteIds);

    public static RouteGroupBuilder MapNoticesApi(this RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/routes/{id:guid}/notices").WithTags("Notices");
        notices.MapPost("/draft", Draft).RequireScope(ApiScopes.ActionsWrite)
            .WithName("DraftNotice").WithSummary("Compose a notice to the host from the template in a language, to check and edit before sending.");
        notices.MapPost("/", Send).RequireScope(ApiScopes.ActionsWrite)
            .WithName("SendNotice").WithSummary("Send a notice to the host by e-mail or webhook; it is recorded as a ReportedToHost action and delivered by a job.");
        notices.MapGet("/", List).RequireScope(ApiScopes.RoutesRead)
            .WithName("ListNotices").WithSummary("The content's notices and reminders with their delivery state, and whether its host was flagged unresponsive.");
        var unresponsive = api.MapGroup("/notices").WithTags("Notices");
        unresponsive.MapGet("/unresponsive", Unresponsive).RequireScope(ApiScopes.RoutesRead)
            .WithName("ListUnresponsiveHosts").WithSummary("Our content still online after a notice and its reminder: candidates for a police referral.");
        foreach (var group in new[] { notices, unresponsive })
        {
            group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        return api;
    }

    public static async Task<Results<Ok<NoticeDraft>, ProblemHttpResult>> Draft(
        Guid id, DraftRequest? body, Caller caller, RouteViewers viewers, HostNotices notices, CancellationToken ct)
    {
        var result = await notices.DraftAsync(await viewers.FindAsync(caller, ct), id, new NoticeDraftRequest(body?.Language, body?.GatherSameHost == true), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Created<NoticeView>, ProblemHttpResult>> Send(
        Guid id, SendRequest body, Caller caller, RouteViewers viewers, HostNotices notices, NoticeQueries queries, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);
        var result = await notices.SendAsync(viewer, id, new NoticeToSend(body.Channel, body.Recipient, body.Language, body.Subject, body.Body, body.RouteIds), caller.Actor, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var listed = await queries.ForRouteAsync(viewer, id, ct);
        return listed.IsSuccess && listed.Value.Notices.FirstOrDefault(n => n.Id == result.Value.Id) is { } view
            ? TypedResults.Created($"/api/v1/routes/{id}/notices", view)
            : ErrorProblems.Problem(new NotFoundError("No such route, or not one your organisation can see."));
    }

    public static async Task<Results<Ok<RouteNotices>, ProblemHttpResult>> List(Guid id, Caller caller, RouteViewers viewers, NoticeQueries queries, CancellationToken ct)
    {
        var result = await queries.ForRouteAsync(await viewers.FindAsync(caller, ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Ok<UnresponsivePage>> Unresponsive(
        Caller caller, RouteViewers viewers, NoticeQueries queries, CancellationToken ct, Guid? cursor = null, int limit = 50) =>
        TypedResults.Ok(await queries.UnresponsiveAsync(await viewers.FindAsync(caller, ct), cursor, Math.Clamp(limit, 1, NoticeQueries.MaxPageSize), ct));
}
