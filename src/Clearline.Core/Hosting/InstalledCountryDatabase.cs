using System.Text.Json;
using System.Text.Json.Serialization;
using Clearline.Configuration;

namespace Clearline.Hosting;

/// <summary>
/// The country database <c>clearline geoip update</c> installed in <c>&lt;data&gt;/geoip/</c>: the ip-location-db
/// file and, beside it, the record of where it came from (<see cref="RecordFileName"/>), which <c>serve</c> and
/// <c>worker</c> use when <see cref="HostingOptions.CountryDatabasePath"/> is not configured.
/// </summary>
/// <param name="Package">The npm package it came from.</param>
/// <param name="Version">The package's version (its <c>dist-tags.latest</c> when installed).</param>
/// <param name="Entry">The file's path inside the package's tarball.</param>
/// <param name="DatabaseType">The database's own name (MaxMind metadata).</param>
/// <param name="BuildDate">When the database was built (MaxMind metadata build epoch), UTC.</param>
/// <param name="SourceUrl">The tarball it was extracted from.</param>
/// <param name="Integrity">The package's integrity (SRI) from the registry, verified before installing.</param>
/// <param name="Licence">The package's licence (SPDX).</param>
/// <param name="Attribution">What to show where the data is used.</param>
/// <param name="InstalledAt">When it was installed, UTC.</param>
public sealed record InstalledCountryDatabase(
    string Package, string Version, string Entry, string DatabaseType, DateTimeOffset BuildDate, string SourceUrl,
    string Integrity, string Licence, string Attribution, DateTimeOffset InstalledAt)
{
    /// <summary>The folder under the data directory that holds the installed database.</summary>
    public const string FolderName = "geoip";

    /// <summary>The installed database's file name.</summary>
    public const string DatabaseFileName = "geo-whois-asn-country.mmdb";

    /// <summary>The record's file name, beside the database.</summary>
    public const string RecordFileName = "geo-whois-asn-country.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary><c>&lt;data&gt;/geoip</c>.</summary>
    public static string Folder(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Combine(FolderName);
    }

    /// <summary>Where the installed database is (whether or not one is).</summary>
    public static string DatabasePath(DataDirectory data) => Path.Combine(Folder(data), DatabaseFileName);

    /// <summary>The record of the installed database, or null when none is installed or its record cannot be read.</summary>
    public static InstalledCountryDatabase? Read(DataDirectory data)
    {
        var path = Path.Combine(Folder(data), RecordFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<InstalledCountryDatabase>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
