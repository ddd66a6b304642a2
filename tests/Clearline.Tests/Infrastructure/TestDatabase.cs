using System.Collections.Concurrent;
using Clearline.Audit;
using Clearline.Configuration;
using Clearline.Database;
using Clearline.Storage;
using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Clearline.Tests.Infrastructure;

/// <summary>
/// A fresh database and data folder for one test: SQLite in a temporary folder always, PostgreSQL when
/// <c>CLEARLINE_TEST_POSTGRES</c> holds a connection string (a uniquely named database, dropped on dispose).
/// </summary>
/// <remarks>
/// Services mirror the application's Core registration: configuration, logging (captured in <see cref="Logs"/>),
/// TimeProvider, DataDirectory, the database, a scoped TenantContext, the audit trail and the media store.
/// Settings and extra services are per test; <see cref="CreateServices"/> builds another container on the same
/// database and data folder, e.g. to play a second process or a restart with different configuration.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CLEARLINE_TEST_POSTGRES";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseProvider provider, string dataPath, string connectionString, string? postgresDatabase,
        IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        Provider = provider;
        DataPath = dataPath;
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
        _settings = settings;
        _configureServices = configureServices;
        Services = CreateServices();
    }

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public DatabaseProvider Provider { get; }

    /// <summary>The data directory (SQLite file, media, keys); deleted on dispose.</summary>
    public string DataPath { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>Skips the calling test (fails it under CI) when it asks for PostgreSQL and none is configured.</summary>
    public static void SkipUnlessAvailable(DatabaseProvider provider) =>
        ExternalRequirement.Require(provider != DatabaseProvider.Postgres || PostgresConnectionString is not null, $"{PostgresVariable} is not set");

    /// <summary>Creates the database and its schema. <paramref name="settings"/> are configuration keys such as <c>Storage:KeyEncryptionKey</c>.</summary>
    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        SkipUnlessAvailable(provider);
        var dataPath = Directory.CreateTempSubdirectory("clearline-test-").FullName;
        string connectionString;
        string? postgresDatabase = null;
        if (provider == DatabaseProvider.Postgres)
        {
            postgresDatabase = "clearline_test_" + Guid.NewGuid().ToString("N");
            await ExecuteOnServerAsync($"CREATE DATABASE \"{postgresDatabase}\"");
            connectionString = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = postgresDatabase }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(dataPath, "clearline.db")};Foreign Keys=True;Pooling=False";
        }

        var database = new TestDatabase(provider, dataPath, connectionString, postgresDatabase, settings ?? new Dictionary<string, string?>(), configureServices);
        await using var scope = database.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ClearlineDbContext>().Database.MigrateAsync();
        return database;
    }

    /// <summary>Another container on this database and data folder; <paramref name="overrides"/> replace or add settings.</summary>
    public ServiceProvider CreateServices(IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>(_settings)
        {
            [DataDirectory.ConfigurationKey] = DataPath,
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = ConnectionString,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new DataDirectory(DataPath));
        services.AddClearlineDatabase();
        services.AddScoped<TenantContext>();
        services.AddAuditTrail();
        services.AddMediaStore();
        _configureServices?.Invoke(services);
        configureServices?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A unit of work, like one request or one command, acting as the system.</summary>
    public AsyncServiceScope CreateScope()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return scope;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = CreateScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = CreateScope();
        await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }

    internal static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Every log line written through a <see cref="TestDatabase"/>'s services, for asserting what is (not) logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message);
