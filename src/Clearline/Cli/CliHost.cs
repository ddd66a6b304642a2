using System.CommandLine;
using Clearline.Hosting;
using Clearline.Tenancy;
using Microsoft.Extensions.Options;

namespace Clearline.Cli;

/// <summary>Runs a command-line action against Clearline's services, as the system, with the usual configuration.</summary>
public static class CliHost
{
    public static HostSettings Settings(ParseResult parse) =>
        new(parse.GetValue(GlobalOptions.Data), parse.GetValue(GlobalOptions.Urls));

    public static Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct) =>
        CliErrors.GuardAsync(async () =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            Settings(parse).Apply(builder.Configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            HostSettings.AddDataDirectory(builder.Services, builder.Configuration);
            builder.Services.AddClearlineCore();
            using var host = builder.Build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
            return await action(scope.ServiceProvider, ct);
        });
}
