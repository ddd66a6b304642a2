using System.CommandLine;
using Clearline.Hosting;

namespace Clearline.Cli;

/// <summary>
/// <c>clearline geoip update [--registry URL]</c>: installs the latest ip-location-db country database into
/// <c>&lt;data&gt;/geoip/</c> (see <see cref="CountryDatabaseUpdater"/>). Exit 0 installed; 2 refused or the registry
/// failed (the previous database stays); 3 a bad setting.
/// </summary>
public static class GeoIpCommand
{
    public static readonly Option<string> Registry = new("--registry")
    {
        Description = "The npm registry to download from (default: Hosting:PackageRegistry, https://registry.npmjs.org).",
    };

    public static Command Create()
    {
        var update = new Command("update",
            $"Download the CC0 country database {CountryDatabaseUpdater.PackageName} from the npm registry, verify its integrity hash and install it in <data>/geoip/, used by serve and worker when Hosting:CountryDatabasePath is unset.")
        {
            Registry,
        };
        update.SetAction((parse, ct) => CliHost.RunAsync(parse, migrate: false, async (services, token) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var result = await services.GetRequiredService<CountryDatabaseUpdater>().UpdateAsync(parse.GetValue(Registry), token);
            if (!result.IsSuccess)
            {
                await error.WriteLineAsync($"error: {result.Error.Message}");
                return CliErrors.ExitCode(result.Error);
            }

            var installed = result.Value;
            var path = InstalledCountryDatabase.DatabasePath(services.GetRequiredService<Configuration.DataDirectory>());
            await output.WriteLineAsync($"installed {installed.Package} {installed.Version} ({installed.DatabaseType}, built {installed.BuildDate:yyyy-MM-dd}) in {path}");
            await output.WriteLineAsync($"licence {installed.Licence}; attribution: {installed.Attribution}");
            await output.WriteLineAsync("serve and worker use it at their next start unless Hosting:CountryDatabasePath is set.");
            return CliErrors.Success;
        }, ct));
        return new Command("geoip", "The hosting country database.") { update };
    }
}
