using Clearline.Api;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Pages.PublicReport;
using Clearline.PublicReporting;
using Clearline.Telemetry;

namespace Clearline.WebHost;

/// <summary>The web host: UI, API, health, the start-up work (migrations) and, unless disabled, the job workers.</summary>
public static class ClearlineWebApp
{
    public static WebApplication Build(HostSettings settings, Action<WebApplicationBuilder>? customise = null)
    {
        // The application name is fixed so pages and static assets are found when a test assembly is the entry point.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(ClearlineWebApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseStaticWebAssets();
        settings.Apply(builder.Configuration);
        HostSettings.AddDataDirectory(builder.Services, builder.Configuration);
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddHostedService<DatabaseInitialiser>();
        builder.Services.AddHostedService<KnownPdqIndexWarmup>();
        builder.Services.AddClearlineCore().AddSignInManager();
        builder.Services.AddClearlineHealth();
        TrustedProxies.Add(builder.Services);
        builder.AddWebSecurity();
        builder.AddApiPlumbing();
        builder.AddPublicFormGuard();
        builder.Services.AddPublicReportPages();
        builder.Services.AddRazorPages(Pages.PageConventions.Apply);
        builder.Services.AddMemoryCache(); // The layout's queue sizes, kept briefly per person.
        customise?.Invoke(builder);
        builder.Services.AddMetricsEndpoint(builder.Configuration);
        if (builder.Configuration.GetValue($"{WorkerOptions.Section}:{nameof(WorkerOptions.Enabled)}", true))
        {
            builder.Services.AddJobWorkers();
        }

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseApiPlumbing();
        app.Use(RefuseUntilReady);
        app.UseWebSecurity();
        app.UseRateLimiter();
        app.MapClearlineHealth();
        app.MapApiReference();
        app.MapClearlineApi();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>Until the database is migrated, everything but health answers 503 rather than failing oddly.</summary>
    private static async Task RefuseUntilReady(HttpContext context, RequestDelegate next)
    {
        if (context.RequestServices.GetRequiredService<DatabaseReadiness>().IsReady || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = "10";
        await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Starting", "The database is not ready yet.");
    }
}
