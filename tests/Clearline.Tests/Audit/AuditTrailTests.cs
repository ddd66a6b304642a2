using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.Audit;

public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Verify_UntouchedChain_IsIntactAndReportsHead(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 12);

        var result = await VerifyAsync(database);
        var last = await EntriesAsync(database);

        Assert.True(result.IsIntact, result.FirstBreak?.Reason);
        Assert.Equal(12, result.HeadSequence);
        Assert.Equal(last[^1].Hash, result.HeadHash);
        Assert.Equal(AuditEntry.GenesisHash, last[0].PreviousHash);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), last.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Verify_EmptyTrail_IsIntactWithGenesisHead()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await VerifyAsync(database);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.HeadSequence);
        Assert.Equal(AuditEntry.GenesisHash, result.HeadHash);
    }

    [Theory]
    [BothDatabases("Detail", "'forged'")]
    [InlineData(DatabaseProvider.Sqlite, "ActorId", "NULL")]
    [InlineData(DatabaseProvider.Sqlite, "Action", "1000")]
    [InlineData(DatabaseProvider.Postgres, "ClientIp", "'192.0.2.99'")]
    public async Task Verify_FieldModified_ReportsModifiedAtThatEntry(DatabaseProvider provider, string column, string value)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 10);

        await SqlAsync(database, $"UPDATE \"AuditEntries\" SET \"{column}\" = {value} WHERE \"Sequence\" = 6");
        var result = await VerifyAsync(database);

        Assert.Equal(new { Sequence = 6L, Kind = AuditBreakKind.Modified }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
        Assert.Equal(5, result.HeadSequence);
    }

    [Theory]
    [BothDatabases(4)]
    [InlineData(DatabaseProvider.Sqlite, 1)]
    public async Task Verify_EntryDeleted_ReportsDeletedAtItsSequence(DatabaseProvider provider, long deleted)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 10);

        await SqlAsync(database, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {deleted}");
        var result = await VerifyAsync(database);

        Assert.Equal(new { Sequence = deleted, Kind = AuditBreakKind.Deleted }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
    }

    [Fact]
    public async Task Verify_EntryDeletedAndLaterOnesRenumbered_ReportsDeleted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await AppendManyAsync(database, 6);

        await SqlAsync(database, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3");
        for (var s = 4; s <= 6; s++)
        {
            await SqlAsync(database, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {s - 1} WHERE \"Sequence\" = {s}");
        }

        var result = await VerifyAsync(database);

        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.NotEqual(AuditBreakKind.Reordered, result.FirstBreak.Kind);
    }

    [Theory]
    [BothDatabases(3, 7)]
    [InlineData(DatabaseProvider.Sqlite, 5, 6)]
    public async Task Verify_TwoEntriesSwapped_ReportsReorderedAtTheFirst(DatabaseProvider provider, long first, long second)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 10);

        await SqlAsync(database, $"UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {first}");
        await SqlAsync(database, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {first} WHERE \"Sequence\" = {second}");
        await SqlAsync(database, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {second} WHERE \"Sequence\" = -1");
        var result = await VerifyAsync(database);

        Assert.Equal(new { Sequence = first, Kind = AuditBreakKind.Reordered }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
    }

    [Fact]
    public async Task Verify_NewestEntriesCutOffBelowAnchor_ReportsTruncated()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await AppendManyAsync(database, 8);
        var recorded = await VerifyAsync(database);

        // Entries and their seals both: the chain and the seals are valid up to 6, so only the anchor tells.
        await SqlAsync(database, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" >= 7");
        await SqlAsync(database, "DELETE FROM \"AuditSeals\" WHERE \"Sequence\" >= 7");
        var withoutAnchor = await VerifyAsync(database);
        var withAnchor = await database.InScopeAsync(sp => sp.GetRequiredService<AuditVerifier>()
            .VerifyAsync(new AuditAnchor(recorded.HeadSequence, recorded.HeadHash), Ct));

        Assert.True(withoutAnchor.IsIntact);
        Assert.Equal(new { Sequence = 7L, Kind = AuditBreakKind.Truncated }, new { withAnchor.FirstBreak!.Sequence, withAnchor.FirstBreak.Kind });
    }

    [Theory]
    [BothDatabases]
    public async Task Append_ConcurrentScopes_ChainStaysValid(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        // Even tasks append inside their own transaction, so they rely on the database lock alone (as another
        // process would); odd tasks take the in-process path.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(task => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await database.InScopeAsync(async sp =>
                {
                    var db = sp.GetRequiredService<ClearlineDbContext>();
                    var trail = sp.GetRequiredService<AuditTrail>();
                    var e = new AuditEvent(AuditAction.UserSignedIn, AuditActor.User(Guid.NewGuid()), Detail: $"task={task} i={i}");
                    if (task % 2 == 0)
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                        await trail.AppendAsync(e, Ct);
                        await transaction.CommitAsync(Ct);
                    }
                    else
                    {
                        await trail.AppendAsync(e, Ct);
                    }
                });
            }
        }, Ct)));

        var result = await VerifyAsync(database);

        Assert.True(result.IsIntact, result.FirstBreak?.Reason);
        Assert.Equal(200, result.HeadSequence);
    }

    [Theory]
    [BothDatabases]
    public async Task Append_GroupCommittedFromTwoHosts_StaysOneValidChainWithEveryEvent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var other = database.CreateServices();

        // Each host (a process of its own) group-commits its waiting events; the database lock orders the two hosts.
        await Task.WhenAll(new IServiceProvider[] { database.Services, other }.SelectMany((host, h) => Enumerable.Range(0, 16).Select(task => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await using var scope = host.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
                await scope.ServiceProvider.GetRequiredService<AuditTrail>().AppendAsync(
                    new AuditEvent(AuditAction.HashesChecked, AuditActor.ApiKey(Guid.NewGuid()), Detail: $"host={h} task={task} i={i}"), Ct);
            }
        }, Ct))));

        var result = await VerifyAsync(database);
        var details = (await EntriesAsync(database)).Select(e => e.Detail).ToHashSet();

        Assert.True(result.IsIntact, result.FirstBreak?.Reason);
        Assert.Equal(320, result.HeadSequence);
        Assert.Equal(320, details.Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Append_WithOtherChangesPending_SavesThemWithTheEntry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var name = $"Pending {Guid.NewGuid():N}";

        await database.InScopeAsync(async sp =>
        {
            sp.GetRequiredService<ClearlineDbContext>().Add(new Organisation { Name = name, Kind = OrganisationKind.Hotline, CountryCode = "NL", CreatedAt = DateTimeOffset.UtcNow });
            await sp.GetRequiredService<AuditTrail>().AppendAsync(new AuditEvent(AuditAction.OrganisationCreated, AuditActor.System), Ct);
        });

        Assert.True(await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Organisation>().AnyAsync(o => o.Name == name, Ct)));
        Assert.True((await VerifyAsync(database)).IsIntact);
    }

    [Theory]
    [BothDatabases]
    public async Task Append_InCallerTransaction_CommitsAndRollsBackWithIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 2);

        await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await sp.GetRequiredService<AuditTrail>().AppendAsync(new AuditEvent(AuditAction.UserCreated, AuditActor.System), Ct);
            await transaction.RollbackAsync(Ct);
        });
        await AppendManyAsync(database, 1);

        var entries = await EntriesAsync(database);
        Assert.Equal(3, entries.Count);
        Assert.DoesNotContain(entries, e => e.Action == AuditAction.UserCreated);
        Assert.True((await VerifyAsync(database)).IsIntact);
    }

    [Theory]
    [BothDatabases]
    public async Task Append_SubMicrosecondClockAndOddStrings_StillVerifies(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_567));
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(time));
        var organisation = Guid.NewGuid();

        await database.InScopeAsync(sp => sp.GetRequiredService<AuditTrail>().AppendAsync(
            new AuditEvent(AuditAction.UserSignInFailed, AuditActor.Anonymous, organisation, "user:x", "2001:db8::1", "a\0b \ud800 ü"), Ct));
        time.Advance(TimeSpan.FromTicks(3));
        await database.InScopeAsync(sp => sp.GetRequiredService<AuditTrail>().AppendAsync(
            new AuditEvent(AuditAction.DemoSeeded, AuditActor.System, Detail: new string('x', 499) + "\U0001F600"), Ct));

        var entries = await EntriesAsync(database);
        Assert.True((await VerifyAsync(database)).IsIntact);
        Assert.Equal(time.GetUtcNow().AddTicks(-3).UtcTicks / 10 * 10, entries[0].Timestamp.UtcTicks);
        Assert.Equal(AuditActorKind.Anonymous, entries[0].ActorKind);
        Assert.Equal(organisation, entries[0].OrganisationId);
        Assert.Equal(AuditEntry.DetailMaxLength, entries[1].Detail!.Length);
    }

    private static async Task AppendManyAsync(TestDatabase database, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var organisation = Guid.NewGuid();
            await database.InScopeAsync(sp => sp.GetRequiredService<AuditTrail>().AppendAsync(
                new AuditEvent(AuditAction.OrganisationCreated, AuditActor.User(Guid.NewGuid()), organisation,
                    $"org:{organisation}", "192.0.2.1", $"change={i}"), Ct));
        }
    }

    private static Task<AuditVerification> VerifyAsync(TestDatabase database) =>
        database.InScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(Ct));

    private static Task<List<AuditEntry>> EntriesAsync(TestDatabase database) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .OrderBy(e => e.Sequence).ToListAsync(Ct));

    private static Task<int> SqlAsync(TestDatabase database, string sql) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Database.ExecuteSqlRawAsync(sql, Ct));
}
