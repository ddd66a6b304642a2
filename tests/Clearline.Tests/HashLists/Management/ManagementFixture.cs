using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Management;

/// <summary>A database with the hash-list services, and intent methods for the organisations the tests need.</summary>
public static class ManagementFixture
{
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        TestDatabase.CreateAsync(provider, configureServices: services =>
        {
            services.AddHashLists();
            services.AddJobs();
            services.AddScoped<OrganisationDirectory>();
        });

    public static Task<Organisation> OrganisationAsync(this TestDatabase database, OrganisationKind kind, string? country = "NL") =>
        database.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<OrganisationDirectory>().CreateAsync(
                new NewOrganisation($"{kind} {Guid.NewGuid():N}", kind, kind is OrganisationKind.Coordinator or OrganisationKind.Interpol ? null : country),
                AuditActor.System, TestContext.Current.CancellationToken);
            return result.Value ?? throw new InvalidOperationException(result.Error?.Message);
        });

    public static HashListCaller Caller(Organisation organisation) =>
        new(new HashListViewer(organisation.Id, organisation.Kind), AuditActor.System);
}
