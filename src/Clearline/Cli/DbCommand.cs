using System.CommandLine;
using Clearline.Database;

namespace Clearline.Cli;

public static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Create the database if needed and apply pending migrations.");
        migrate.SetAction((parse, ct) => CliHost.RunAsync(parse, migrate: false, async (services, token) =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            Console.Error.WriteLine(applied == 0 ? "database is up to date" : $"applied {applied} migrations");
            return CliErrors.Success;
        }, ct));
        return new Command("db", "Database maintenance.") { migrate };
    }
}
