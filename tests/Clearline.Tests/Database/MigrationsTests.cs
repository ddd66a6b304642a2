using Clearline.Configuration;
using Clearline.Database;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Database;

/// <summary>
/// Each provider's migrations describe today's model: a changed entity or configuration without a migration
/// fails here, not on the first production start.
/// </summary>
/// <remarks>
/// The comparison is between the model and the provider's model snapshot, so no server is opened: both providers
/// are checked on every machine, PostgreSQL included.
/// </remarks>
public sealed class MigrationsTests
{
    [Theory]
    [BothDatabases]
    public async Task Model_ComparedWithMigrations_HasNoPendingChanges(DatabaseProvider provider)
    {
        await using var services = Services(provider);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClearlineDbContext>();

        var pending = context.Database.HasPendingModelChanges();

        Assert.False(pending, pending ? Explain(context, provider) : "");
    }

    /// <summary>The application's own database registration, pointed at a connection string that is never opened.</summary>
    private static ServiceProvider Services(DatabaseProvider provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = provider == DatabaseProvider.Postgres ? "Host=never-opened" : "Data Source=never-opened.db",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(new DataDirectory(Path.GetTempPath()));
        services.AddScoped<TenantContext>();
        services.AddClearlineDatabase();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static string Explain(ClearlineDbContext context, DatabaseProvider provider) =>
        $"The {provider} model has changes no migration captures. Add one with "
        + $"`dotnet ef migrations add <Name> --project src/Clearline.Core --context {context.GetType().Name} --output-dir Database/Migrations/{provider}`.\n"
        + "Differences from the snapshot:\n" + string.Join('\n', Differences(context));

    /// <summary>The operations a new migration would contain, so a failure says what changed.</summary>
    /// <remarks>A fresh snapshot instance: the assembly's own one was finalised (made read-only) by the check.</remarks>
    private static IEnumerable<string> Differences(ClearlineDbContext context)
    {
        var snapshotType = context.GetService<IMigrationsAssembly>().ModelSnapshot?.GetType();
        var snapshot = snapshotType is null ? null : ((ModelSnapshot)Activator.CreateInstance(snapshotType)!).Model;
        if (snapshot is IMutableModel mutable)
        {
            snapshot = mutable.FinalizeModel();
        }

        var source = snapshot is null ? null : context.GetService<IModelRuntimeInitializer>().Initialize(snapshot).GetRelationalModel();
        var target = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        return context.GetService<IMigrationsModelDiffer>().GetDifferences(source, target)
            .Select(operation => operation is ITableMigrationOperation table
                ? $"{operation.GetType().Name} on {table.Table}"
                : operation.GetType().Name);
    }
}
