using Clearline.Configuration;

namespace Clearline.WebHost;

/// <summary>What the command line says about the host: where data lives and where to listen.</summary>
public sealed record HostSettings(string? DataDirectory = null, string? Urls = null)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Layers Clearline's configuration: appsettings.json, then <c>CLEARLINE__…</c> environment variables,
    /// then the command line's <c>--data</c> and <c>--urls</c>.
    /// </summary>
    public void Apply(IConfigurationManager configuration)
    {
        configuration.AddEnvironmentVariables("CLEARLINE__");
        var overrides = new Dictionary<string, string?>();
        if (DataDirectory is not null)
        {
            overrides[Configuration.DataDirectory.ConfigurationKey] = DataDirectory;
        }

        if (Urls is not null)
        {
            overrides["urls"] = Urls;
        }

        configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrWhiteSpace(configuration["urls"]))
        {
            configuration["urls"] = DefaultUrls;
        }
    }

    /// <summary>Registers the resolved data directory, creating it if needed.</summary>
    public static void AddDataDirectory(IServiceCollection services, IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration[Configuration.DataDirectory.ConfigurationKey] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(path);
        services.AddSingleton(new DataDirectory(path));
    }
}
