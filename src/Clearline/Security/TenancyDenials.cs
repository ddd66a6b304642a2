using System.Diagnostics.Metrics;

namespace Clearline.Security;

/// <summary>Logs and counts requests for an id that is not in the caller's tenant (<c>clearline.tenancy.denied</c>).</summary>
/// <remarks>
/// The tenant query filter makes another organisation's row look absent, so the answer is a 404 that reveals
/// nothing; this records it for operators (a structured log line and a counter) without auditing it: the audit
/// is for what concerns a real account or object, and an id from another tenant is neither shown nor changed.
/// A 404 for an id with a route parameter is counted whether the id belongs to another tenant or to no one,
/// because telling those apart would need the very lookup across tenants the filter exists to prevent; a burst
/// from one caller is the signal either way. The log names the route template, never the URL or the id.
/// </remarks>
public sealed partial class TenancyDenials(IMeterFactory meters, ILogger<TenancyDenials> logger)
{
    public const string MeterName = "Clearline.Tenancy";
    public const string CounterName = "clearline.tenancy.denied";

    private readonly Counter<long> _denied = meters.Create(MeterName).CreateCounter<long>(CounterName, description: "Requests for an id outside the caller's tenant (or of no one), answered 404.");

    /// <summary>After the endpoint ran for <paramref name="caller"/>: records a 404 on a route with parameters.</summary>
    public void RecordIfDenied(HttpContext context, Caller caller)
    {
        if (context.Response.StatusCode != StatusCodes.Status404NotFound
            || context.GetEndpoint() is not RouteEndpoint { RoutePattern.Parameters.Count: > 0 } endpoint)
        {
            return;
        }

        var kind = caller.IsApiKey ? "key" : "person";
        _denied.Add(1, new KeyValuePair<string, object?>("caller", kind));
        LogDenied(context.Request.Method, endpoint.RoutePattern.RawText, caller.OrganisationId, kind, caller.PrincipalId);
    }

    [LoggerMessage(LogLevel.Warning, "Not found in the caller's tenant: {Method} {Route} for organisation {OrganisationId} ({CallerKind} {CallerId})")]
    private partial void LogDenied(string method, string? route, Guid organisationId, string callerKind, Guid callerId);
}
