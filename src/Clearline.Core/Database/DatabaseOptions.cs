using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Database";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>Postgres</c> (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string. Optional for SQLite (defaults to <c>clearline.db</c> in the data directory);
    /// required for PostgreSQL. Supply it through the environment, never appsettings.json.
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("must be Sqlite or Postgres", [nameof(Provider)]);
        }

        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("is required when Database:Provider is Postgres", [nameof(ConnectionString)]);
        }
    }
}
