using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Clearline.PublicReporting;

/// <summary>Set on a form POST that the rate limit turned away, so the form's own page can say so in the reporter's language.</summary>
/// <param name="RetryAfter">When the client may send again.</param>
public sealed record PublicFormThrottled(TimeSpan RetryAfter);

/// <summary>
/// <see cref="PublicFormGuard.RateLimitPolicy"/>: each client (by <see cref="PublicClientKeys"/>) may send
/// <see cref="PublicReportingOptions.ReportsPerClient"/> reports per <see cref="PublicReportingOptions.RateWindow"/>,
/// as a token bucket (a burst of that many, then one more each window / reports); reading the form is not counted.
/// </summary>
/// <remarks>
/// A flood from one client is answered 429 with <c>Retry-After</c> while every other client goes on. The answer is the
/// form's own page: the page's handler runs with <see cref="PublicFormThrottled"/> set, its call of
/// <see cref="PublicFormGuard.Check"/> answers <c>TooManyReports</c>, and the page shows that with everything typed
/// kept, in the reporter's language, without taking the report.
/// </remarks>
public sealed class PublicFormRateLimit(PublicClientKeys keys, IOptions<PublicReportingOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var perClient = options.Value.ReportsPerClient;
        var window = options.Value.RateWindow;
        return RateLimitPartition.GetTokenBucketLimiter(keys.For(httpContext.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perClient,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / perClient,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = PublicFormRateLimits.RetryAfter(context);
        http.Features.Set(new PublicFormThrottled(retryAfter));
        var endpoint = http.GetEndpoint();
        if (endpoint?.RequestDelegate is { } page && http.Request.HasFormContentType)
        {
            await page(http);
            return;
        }

        await PublicFormRateLimits.WriteTooManyAsync(http, ct);
    }
}

/// <summary>
/// <see cref="PublicFormGuard.StatusLookupPolicy"/>: a client may look up <see cref="PublicFormGuard.StatusLookupsPerMinute"/>
/// references a minute, read or posted alike.
/// </summary>
/// <remarks>
/// References are random (80 bits), so guessing one is hopeless anyway; the limit keeps anyone from trying in bulk
/// and from using the status page to learn how busy a hotline is.
/// </remarks>
public sealed class PublicStatusRateLimit(PublicClientKeys keys) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, ct) =>
    {
        PublicFormRateLimits.RetryAfter(context);
        return PublicFormRateLimits.WriteTooManyAsync(context.HttpContext, ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return RateLimitPartition.GetTokenBucketLimiter(keys.For(httpContext.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = PublicFormGuard.StatusLookupsPerMinute,
            TokensPerPeriod = PublicFormGuard.StatusLookupsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

internal static class PublicFormRateLimits
{
    /// <summary>The lease's own wait when it says, else a minute; always at least a second, and set as <c>Retry-After</c>.</summary>
    public static TimeSpan RetryAfter(OnRejectedContext context)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        wait = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return wait;
    }

    /// <summary>A plain page for a client that is not posting the form (the status page, or a bare request).</summary>
    public static async ValueTask WriteTooManyAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Response.Headers.ContainsKey("Retry-After"))
        {
            http.Response.Headers.RetryAfter = "60";
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many requests</title></head>" +
            "<body><main><h1>Too many requests</h1><p>Please wait a minute and try again.</p></main></body></html>", ct);
    }
}
