using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Clearline.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Clearline.Api;

/// <summary>What every API endpoint shares: problem+json errors, size and rate limits, the OpenAPI document.</summary>
public static class ApiPlumbing
{
    public const string PerKeyLimit = "per-api-key";
    public const string SignInLimit = "sign-in";
    public const string HashCheckLimit = "hash-check";

    public static void AddApiPlumbing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSectionOptions<ApiOptions>();
        services.AddProblemDetails();
        // The one JSON configuration of the API: enums by name only, since a number would bind to values that mean
        // nothing; a date and time without an offset is UTC.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new UtcUnlessOffsetConverter());
        });

        // A body that does not bind throws, so that RequestBindingProblems can answer naming the field; a bare 400 would not.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RequestBindingProblems>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Clearline API";
            // Descriptions are Markdown: a bare <API key> would be read as an HTML tag and vanish ("Bearer '.").
            document.Info.Description = "Report, crawl, hash, match and classify. Authenticate with `Authorization: Bearer <API key>`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key, sent as `Authorization: Bearer <API key>`; an administrator creates it on the API keys page or with `clearline admin create-api-key`.",
            };
            return Task.CompletedTask;
        }));
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejected;
            o.AddPolicy(PerKeyLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.ApiKeyId()?.ToString() ?? "ip:" + context.Connection.RemoteIpAddress,
                _ => PerMinute(api.Value.RequestsPerMinutePerKey)));
            o.AddPolicy(HashCheckLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.ApiKeyId()?.ToString() ?? "ip:" + context.Connection.RemoteIpAddress,
                _ => PerMinute(api.Value.HashChecksPerMinutePerKey)));
            o.AddPolicy(SignInLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                "ip:" + context.Connection.RemoteIpAddress,
                _ => PerMinute(api.Value.SignInAttemptsPerMinutePerAddress)));
        });
        services.AddRateLimiter(_ => { });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue("Api:MaxRequestBodyBytes", new ApiOptions().MaxRequestBodyBytes));
    }

    /// <summary>Errors become RFC 9457 problems; oversize bodies are refused before they are read.</summary>
    public static void UseApiPlumbing(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseRouting();
        app.Use(RefuseUnsupportedMediaType);
        app.Use(LimitRequestBody);
    }

    /// <summary>Routing's own endpoint for a body of a content type that the matched endpoint does not accept.</summary>
    private const string UnsupportedMediaTypeEndpoint = "415 HTTP Unsupported Media Type";

    /// <summary>
    /// A JSON endpoint sent another content type answers a 415 problem at once. Routing selects its own 415 endpoint
    /// for it, which carries no authorisation metadata, so without this the fallback policy would send the client
    /// to the sign-in page, which means nothing to an API client.
    /// </summary>
    private static async Task RefuseUnsupportedMediaType(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.DisplayName == UnsupportedMediaTypeEndpoint)
        {
            await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be JSON (Content-Type: application/json), not '{context.Request.ContentType}'.");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The default body limit, or the endpoint's own (<c>[RequestSizeLimit]</c>, for uploads). A declared
    /// length over the limit is refused at once; a chunked body is cut off by the server at the same limit.
    /// </summary>
    private static async Task LimitRequestBody(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The request body exceeds the limit of {limit} bytes.");
            return;
        }

        await next(context);
    }

    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", ConfigureReference).AllowAnonymous();
    }

    /// <summary>
    /// The reference as a page of Clearline's own: no fonts from a CDN (the CSP allows only its own), none of the
    /// vendor's AI chat, sharing, deployment or telemetry, and Clearline's icon.
    /// </summary>
    private static void ConfigureReference(ScalarOptions o)
    {
        o.WithTitle("Clearline API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
        o.DefaultFonts = false;
        o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        o.Agent = new ScalarAgentOptions { Disabled = true };
        o.Mcp = new ScalarMcpOptions { Disabled = true };
        o.Telemetry = false;
        o.Favicon = "/favicon.svg";
    }

    private static TokenBucketRateLimiterOptions PerMinute(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejected(OnRejectedContext context, CancellationToken ct)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", "The rate limit for this client was reached; retry later.");
    }
}
