using Clearline.AbuseContacts;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Deconfliction;
using Clearline.Demo;
using Clearline.Escalation;
using Clearline.Events;
using Clearline.Evidence;
using Clearline.Exchange.Federation;
using Clearline.Exchange.Hma;
using Clearline.Exchange.Ncmec;
using Clearline.HashLists;
using Clearline.Icse;
using Clearline.Identity;
using Clearline.InvestigationHolds;
using Clearline.Jobs;
using Clearline.LawEnforcement;
using Clearline.Matching;
using Clearline.Notices;
using Clearline.Notifications;
using Clearline.Organisations;
using Clearline.Previews;
using Clearline.PublicReporting;
using Clearline.Referrals;
using Clearline.Reports;
using Clearline.Retention;
using Clearline.Routing;
using Clearline.Statistics;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Telemetry;
using Clearline.Tenancy;
using Clearline.Videos;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline;

public static class ClearlineCore
{
    /// <summary>Every feature of Clearline.Core, shared by the web host, the workers and the command line.</summary>
    public static IdentityBuilder AddClearlineCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<Callers>();
        services.AddClearlineDatabase();
        services.AddDataProtection().SetApplicationName("Clearline").PersistKeysToDbContext<ClearlineDbContext>();
        services.AddAuditTrail();
        services.AddMediaStore();
        services.AddCrawling();
        services.AddReports();
        services.AddPublicReporting();
        services.AddHashLists();
        services.AddNcmecExchange();
        services.AddFederation();
        services.AddMatching();
        services.AddVideos();
        services.AddClassification();
        services.AddPreviews();
        services.AddContentRouting();
        services.AddCdnOrigins();
        services.AddTakedown();
        services.AddAbuseContacts();
        services.AddStatistics();
        services.AddEvents();
        services.AddScoped<OrganisationDirectory>();
        services.AddApiKeys();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseMigrator>();
        services.AddJobs();
        services.AddRetention();
        services.AddLawEnforcement();
        services.AddInvestigationHolds();
        services.AddEvidence();
        services.AddReferrals();
        services.AddDeconfliction();
        services.AddNotifications();
        services.AddEscalation();
        services.AddIcse();
        services.AddNotices();
        services.AddTelemetry();
        services.AddHma();
        return services.AddClearlineIdentity();
    }
}
