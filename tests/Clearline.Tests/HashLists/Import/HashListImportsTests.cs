using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Jobs;
using Clearline.Results;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Import;

public sealed class HashListImportsTests
{
    [Theory]
    [BothDatabases]
    public async Task Start_ManagedList_QueuesTheImportAndItsJobAndAudits(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        using var file = new MemoryStream("md5\nd41d8cd98f00b204e9800998ecf8427e\n"u8.ToArray());

        var import = (await bed.StartAsync(file, HashListFormat.Csv, "C:\\exports\\list.csv")).Value!;

        Assert.Equal((ImportState.Queued, "list.csv", 37L), (import.State, import.FileName, import.FileLength));
        await bed.Database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var job = await db.Set<Job>().SingleAsync(j => j.Id == import.JobId, TestContext.Current.CancellationToken);
            Assert.Equal(HashListImportJob.Kind, job.Kind);
            var audit = await db.Set<AuditEntry>().SingleAsync(a => a.Action == AuditAction.HashListImportStarted, TestContext.Current.CancellationToken);
            Assert.Equal($"hashlist:{bed.ListId:D}", audit.Target);
            Assert.DoesNotContain("d41d8cd9", audit.Detail ?? "", StringComparison.Ordinal);
        });
    }

    [Theory]
    [BothDatabases]
    public async Task Start_ListNotManagedOrNetworkOrDisabled_IsRefused(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        var other = await bed.Database.InScopeAsync(sp => ImportTestBed.CreateOrganisationAsync(sp, "Other"));
        var disabled = await bed.Database.InScopeAsync(sp => ImportTestBed.CreateListAsync(sp, bed.OrganisationId, active: false));

        Assert.IsType<NotFoundError>((await bed.StartAsync(new MemoryStream([1]), null, organisationId: other)).Error);
        Assert.IsType<NotFoundError>((await bed.StartAsync(new MemoryStream([1]), null, listId: HashList.NetworkListId)).Error);
        Assert.IsType<NotFoundError>((await bed.StartAsync(new MemoryStream([1]), null, listId: Guid.NewGuid())).Error);
        Assert.IsType<InvalidError>((await bed.StartAsync(new MemoryStream([1]), null, listId: disabled)).Error);
        Assert.IsType<InvalidError>((await bed.StartAsync(new MemoryStream(), null)).Error);
    }
}
