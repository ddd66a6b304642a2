using System.CommandLine;
using Clearline.Demo;
using Clearline.Hosting;
using Clearline.Jobs;
using Clearline.Storage;
using Clearline.Tenancy;
using Microsoft.Extensions.Options;

namespace Clearline.Cli;

public static class ServeCommand
{
    public static readonly Option<bool> Demo = new("--demo")
    {
        Description = "Seed fictional demo organisations with one user per role and print their one-time passwords.",
    };

    public static readonly Option<bool> NoWorkers = new("--no-workers")
    {
        Description = "Serve the UI and API only; jobs are run by `clearline worker` processes (also: Workers:Enabled=false).",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the web UI, the API and the background workers (default).") { Demo, NoWorkers };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var app = ClearlineWebApp.Build(CliHost.Settings(parse), builder =>
            {
                if (parse.GetValue(NoWorkers))
                {
                    builder.Configuration[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Enabled)}"] = "false";
                }
            });
            await using (app)
            {
                // Validate every options class before the host starts, so a bad setting is one line, not a log dump.
                app.Services.GetRequiredService<IStartupValidator>().Validate();

                // Generates the embedded key (with its loud warning) now rather than at the first upload.
                _ = app.Services.GetRequiredService<KeyRing>().Active;
                if (parse.GetValue(Demo))
                {
                    _ = SeedDemoWhenReadyAsync(app, ct);
                }

                await app.RunAsync(ct);
            }

            return CliErrors.Success;
        }));
        return command;
    }

    private static async Task SeedDemoWhenReadyAsync(WebApplication app, CancellationToken ct)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clearline.Demo");
        try
        {
            await app.Services.GetRequiredService<DatabaseReadiness>().WhenReady.WaitAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
            var accounts = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            if (accounts.Count == 0)
            {
                log.LogWarning("Demo organisations exist already; their one-time passwords were shown when they were created");
                return;
            }

            log.LogWarning("Demo mode: fictional organisations seeded; one-time passwords follow on stdout");
            foreach (var account in accounts)
            {
                Console.Out.WriteLine($"{account.Organisation}\t{account.Role}\t{account.Email}\t{account.OneTimePassword}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Demo seeding failed");
        }
    }
}
