using System.CommandLine;
using Clearline.Database;
using Clearline.WebHost;
using Microsoft.Extensions.Options;

namespace Clearline.Cli;

/// <summary>Runs a command-line action against Clearline's services, as the system, with the usual configuration.</summary>
public static class CliHost
{
    public static HostSettings Settings(ParseResult parse) =>
        new(parse.GetValue(GlobalOptions.Data), parse.GetValue(GlobalOptions.Urls));

    public static Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct) =>
        RunAsync(parse, migrate: true, action, ct);

    public static Task<int> RunAsync(ParseResult parse, bool migrate, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct) =>
        CliErrors.GuardAsync(async () =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            Settings(parse).Apply(builder.Configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A failing command prints its own one-line error; EF's command dumps would only add noise.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
            HostSettings.AddDataDirectory(builder.Services, builder.Configuration);
            builder.Services.AddClearlineCore();
            using var host = builder.Build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();

            // Like `serve`, every command works on a fresh data directory: the embedded database migrates itself.
            if (migrate)
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            }

            return await action(scope.ServiceProvider, ct);
        });
}
