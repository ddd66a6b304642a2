using Clearline.Database;
using Clearline.Exchange.Ncmec;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Results;
using Clearline.Tests.HashLists.Import;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Ncmec;

/// <summary>A fresh database with an organisation owning one hash list, a local NCMEC server, and intent methods to pull.</summary>
internal sealed class NcmecTestBed : IAsyncDisposable
{
    private NcmecTestBed(TestDatabase database, NcmecServer server, Guid organisationId, Guid listId)
    {
        Database = database;
        Server = server;
        OrganisationId = organisationId;
        ListId = listId;
    }

    public TestDatabase Database { get; }

    public NcmecServer Server { get; }

    public Guid OrganisationId { get; }

    public Guid ListId { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<NcmecTestBed> CreateAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider, settings ?? new Dictionary<string, string?>(), services =>
        {
            services.AddJobs();
            services.AddHashLists();
            services.AddMatching();
            services.AddNcmecExchange();
        });
        var server = await NcmecServer.StartAsync();
        var organisationId = await database.InScopeAsync(sp => ImportTestBed.CreateOrganisationAsync(sp, "Hotline"));
        var listId = await database.InScopeAsync(sp => ImportTestBed.CreateListAsync(sp, organisationId));
        return new NcmecTestBed(database, server, organisationId, listId);
    }

    public NcmecSourceRequest Request(string? password = NcmecServer.Password, bool feedback = false, DateTimeOffset? startFrom = null) => new(
        NcmecEnvironment.NpoCsam, BaseUrl: Server.BaseUrl.AbsoluteUri, Username: NcmecServer.Username, Password: password, FeedbackEnabled: feedback, StartFrom: startFrom);

    public Task<Result<NcmecSource>> ConfigureAsync(NcmecSourceRequest request, Guid? listId = null, Guid? organisationId = null) =>
        Database.InScopeAsync(sp => sp.GetRequiredService<NcmecSources>().ConfigureAsync(
            listId ?? ListId, request, organisationId ?? OrganisationId, Clearline.Audit.AuditActor.System, Ct));

    /// <summary>Configures the source (the first time) and runs the pull its schedule queued, to its end.</summary>
    public async Task<NcmecSource> PullAsync()
    {
        var source = await SourceAsync();
        if (source is null)
        {
            var configured = await ConfigureAsync(Request());
            Assert.True(configured.IsSuccess, configured.Error?.Message);
            source = configured.Value!;
        }

        await Database.InScopeAsync(sp => sp.GetRequiredService<NcmecPuller>().RunAsync(source.Id, source.NextPullJobId!.Value, Ct));
        return (await SourceAsync())!;
    }

    public Task<NcmecSource?> SourceAsync() =>
        Database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<NcmecSource>().AsNoTracking().FirstOrDefaultAsync(s => s.HashListId == ListId, Ct));

    public Task<List<KnownHash>> EntriesAsync(bool liveOnly = true) =>
        Database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<KnownHash>().AsNoTracking()
            .Where(h => h.HashListId == ListId && (!liveOnly || h.TombstonedAt == null)).OrderBy(h => h.Id).ToListAsync(Ct));

    public Task<List<Job>> JobsAsync(string kind) =>
        Database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AsNoTracking().Where(j => j.Kind == kind).ToListAsync(Ct));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
