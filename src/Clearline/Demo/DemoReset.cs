using Clearline.Configuration;
using Clearline.Database;

namespace Clearline.Demo;

/// <summary><c>clearline serve --demo --reset</c>: deletes a demo data folder so the demo is seeded afresh.</summary>
/// <remarks>
/// Deleting data is refused unless it is certainly the demo's: the folder carries the marker that demo seeding writes,
/// the database is the embedded SQLite one inside it (a PostgreSQL database is never dropped from here), and every
/// organisation in it is a demo organisation. Anything else is left as it is and the command says why.
/// </remarks>
public static class DemoReset
{
    /// <summary>The file demo seeding leaves in the data folder.</summary>
    public const string MarkerFile = "clearline-demo.txt";

    /// <summary>Marks <paramref name="data"/> as holding demo data only.</summary>
    public static void Mark(DataDirectory data) => File.WriteAllText(data.Combine(MarkerFile),
        "This data folder holds Clearline's fictional demo data (clearline serve --demo).\n" +
        "`clearline serve --demo --reset` deletes it and seeds the demo again.\n");

    /// <summary>Why the data folder must not be wiped, or null when it holds demo data only (or nothing).</summary>
    public static async Task<string?> RefusalAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var data = services.GetRequiredService<DataDirectory>();
        if (configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) != DatabaseProvider.Sqlite)
        {
            return "--reset deletes the embedded SQLite database only; this server uses another database. Nothing was deleted.";
        }

        var seeder = services.GetRequiredService<DemoSeeder>();
        if (!await seeder.HoldsOnlyDemoDataAsync(ct))
        {
            return $"The data folder {data.Path} holds organisations that are not the demo's. Nothing was deleted.";
        }

        return File.Exists(data.Combine(MarkerFile))
            ? null
            : $"The data folder {data.Path} was not created by demo mode (no {MarkerFile}). Nothing was deleted.";
    }

    /// <summary>Deletes everything in the data folder (the caller has checked <see cref="RefusalAsync"/>).</summary>
    public static void Wipe(string dataPath)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in Directory.EnumerateDirectories(dataPath))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(dataPath))
        {
            File.Delete(file);
        }
    }
}
