using System.Globalization;
using System.Text;
using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Organisations;
using Clearline.Results;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Tests.HashLists.Import;

/// <summary>A fresh database with an organisation that owns one hash list, and intent methods to import into it.</summary>
internal sealed class ImportTestBed : IAsyncDisposable
{
    private ImportTestBed(TestDatabase database, Guid organisationId, Guid listId)
    {
        Database = database;
        OrganisationId = organisationId;
        ListId = listId;
    }

    public TestDatabase Database { get; }

    public Guid OrganisationId { get; }

    public Guid ListId { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ImportTestBed> CreateAsync(DatabaseProvider provider, int batchLines = 2_000)
    {
        var database = await TestDatabase.CreateAsync(
            provider,
            new Dictionary<string, string?> { ["HashListImports:BatchLines"] = batchLines.ToString(CultureInfo.InvariantCulture) },
            services =>
            {
                services.AddJobs();
                services.AddHashLists();
                services.AddMatching();

                // Every EF command of a million-row import would otherwise be kept in the captured logs.
                services.AddLogging(logging => logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
            });
        var organisationId = await database.InScopeAsync(sp => CreateOrganisationAsync(sp, "Hotline"));
        var listId = await database.InScopeAsync(sp => CreateListAsync(sp, organisationId));
        return new ImportTestBed(database, organisationId, listId);
    }

    public static async Task<Guid> CreateOrganisationAsync(IServiceProvider services, string name)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var organisation = new Organisation { Name = $"{name} {Guid.NewGuid():N}", Kind = OrganisationKind.Hotline, CountryCode = "NL", CreatedAt = DateTimeOffset.UtcNow };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        return organisation.Id;
    }

    public static async Task<Guid> CreateListAsync(IServiceProvider services, Guid ownerId, bool active = true)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var list = new HashList
        {
            Name = $"List {Guid.NewGuid():N}",
            OwnerOrganisationId = ownerId,
            Kind = HashListKind.HotlineNetwork,
            Trust = HashListTrust.SuggestOnly,
            Visibility = HashListVisibility.OwnOrganisation,
            Scheme = CategoryScheme.VicsUs,
            Mapping = CategoryMapping.Default(CategoryScheme.VicsUs),
            Active = active,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(list);
        await db.SaveChangesAsync(Ct);
        return list.Id;
    }

    public Task<Result<HashListImport>> StartAsync(
        Stream file, HashListFormat? format, string? fileName = null, Guid? listId = null, Guid? organisationId = null, bool acceptPartial = false) =>
        Database.InScopeAsync(sp => sp.GetRequiredService<HashListImports>().StartAsync(
            listId ?? ListId, file, fileName, format, AuditActor.System, organisationId ?? OrganisationId, null, acceptPartial, Ct));

    public Task<HashListImport> RunAsync(Guid importId, IProgress<HashListImportProgress>? progress = null, CancellationToken? ct = null) =>
        Database.InScopeAsync(async sp => (await sp.GetRequiredService<HashListImporter>().RunAsync(importId, progress, ct ?? Ct))!);

    /// <summary>Starts and runs an import of <paramref name="file"/> to its end.</summary>
    public async Task<HashListImport> ImportAsync(byte[] file, HashListFormat? format, string? fileName = null, bool acceptPartial = false)
    {
        using var stream = new MemoryStream(file);
        var started = await StartAsync(stream, format, fileName, acceptPartial: acceptPartial);
        Assert.True(started.IsSuccess, started.Error?.Message);
        return await RunAsync(started.Value!.Id);
    }

    public Task<HashListImport> ImportAsync(string text, HashListFormat? format, bool bom = false) =>
        ImportAsync([.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(text)], format);

    public Task<List<KnownHash>> EntriesAsync(bool liveOnly = true) =>
        Database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<KnownHash>().AsNoTracking()
            .Where(h => h.HashListId == ListId && (!liveOnly || h.TombstonedAt == null)).OrderBy(h => h.Id).ToListAsync(Ct));

    public Task<List<HashListImportError>> ErrorsAsync(Guid importId) =>
        Database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<HashListImportError>().AsNoTracking()
            .Where(e => e.ImportId == importId).OrderBy(e => e.Id).ToListAsync(Ct));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
