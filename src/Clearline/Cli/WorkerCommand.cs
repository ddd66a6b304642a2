using System.CommandLine;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Telemetry;
using Clearline.WebHost;
using Microsoft.Extensions.Options;

namespace Clearline.Cli;

/// <summary><c>clearline worker</c>: only the background workers, for machines that run jobs and serve nothing.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Run the background workers only (no web UI or API) until stopped with Ctrl+C or SIGTERM.");
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            CliHost.Settings(parse).Apply(builder.Configuration);
            // EF logs every command at Information; a long-running worker would print little else.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
            HostSettings.AddDataDirectory(builder.Services, builder.Configuration);

            // Migrates first, like `serve`, and keeps retrying while the database is unreachable.
            builder.Services.AddSingleton<DatabaseReadiness>();
            builder.Services.AddHostedService<DatabaseInitialiser>();
            builder.Services.AddHostedService<KnownPdqIndexWarmup>();
            builder.Services.AddClearlineCore();
            builder.Services.AddJobWorkers();
            builder.Services.AddMetricsEndpoint(builder.Configuration);
            using var host = builder.Build();
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            await host.RunAsync(ct);
            return CliErrors.Success;
        }));
        return command;
    }
}
