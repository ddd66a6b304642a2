using System.CommandLine;
using Clearline.Demo;
using Clearline.Jobs;
using Clearline.Storage;
using Clearline.WebHost;
using Microsoft.Extensions.Options;

namespace Clearline.Cli;

public static class ServeCommand
{
    public static readonly Option<bool> Demo = new("--demo")
    {
        Description = "Seed fictional demo organisations with one user per role, print their one-time passwords, and serve a benign demo site to report.",
    };

    public static readonly Option<bool> Reset = new("--reset")
    {
        Description = "With --demo: delete the demo's data folder and seed the demo afresh. Refused unless the folder holds demo data only.",
    };

    public static readonly Option<bool> NoWorkers = new("--no-workers")
    {
        Description = "Serve the UI and API only; jobs are run by `clearline worker` processes (also: Workers:Enabled=false).",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the web UI, the API and the background workers (default).") { Demo, Reset, NoWorkers };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            if (parse.GetValue(Reset) && await ResetDemoAsync(parse, ct) is var reset and not CliErrors.Success)
            {
                return reset;
            }

            var app = ClearlineWebApp.Build(CliHost.Settings(parse), builder =>
            {
                if (parse.GetValue(Demo))
                {
                    builder.Configuration.AddInMemoryCollection(DemoMode.Settings);
                }

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
                var demo = parse.GetValue(Demo) ? StartDemoAsync(app, ct) : Task.FromResult<DemoSite?>(null);
                await app.RunAsync(ct);
                if (await demo is { } site)
                {
                    await site.DisposeAsync();
                }
            }

            return CliErrors.Success;
        }));
        return command;
    }

    /// <summary>Checks that the data folder holds the demo only, then empties it (<see cref="DemoReset"/>).</summary>
    private static async Task<int> ResetDemoAsync(System.CommandLine.ParseResult parse, CancellationToken ct)
    {
        if (!parse.GetValue(Demo))
        {
            Console.Error.WriteLine("error: --reset is only for --demo.");
            return CliErrors.UserError;
        }

        string? data = null;
        var checkedData = await CliHost.RunAsync(parse, async (services, token) =>
        {
            if (await DemoReset.RefusalAsync(services, services.GetRequiredService<IConfiguration>(), token) is { } refusal)
            {
                Console.Error.WriteLine($"error: {refusal}");
                return CliErrors.UserError;
            }

            data = services.GetRequiredService<Configuration.DataDirectory>().Path;
            return CliErrors.Success;
        }, ct);
        if (checkedData != CliErrors.Success || data is null)
        {
            return checkedData;
        }

        DemoReset.Wipe(data);
        Console.Error.WriteLine($"deleted the demo data in {data}; seeding the demo afresh");
        return CliErrors.Success;
    }

    private static async Task<DemoSite?> StartDemoAsync(WebApplication app, CancellationToken ct)
    {
        try
        {
            return await DemoMode.StartAsync(app, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clearline.Demo").LogError(ex, "Demo mode failed to start");
            return null;
        }
    }
}
