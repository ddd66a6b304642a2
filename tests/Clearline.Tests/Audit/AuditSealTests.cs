using Clearline.Audit;
using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Audit;

/// <summary>
/// The attack of issue 12 point 9: someone who can write the database (but has no key-encryption key) rewrites an
/// entry and re-hashes every later one, so the hash chain alone is valid again. The seals find it.
/// </summary>
public sealed class AuditSealTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Verify_UntouchedChain_EveryEntrySealedAndIntact(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 6);

        var result = await VerifyAsync(database);
        var seals = await SealsAsync(database);
        var head = await database.InScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().CheckHeadAsync(Ct));

        Assert.True(result.IsIntact, result.FirstBreak?.Reason);
        Assert.Equal(0, result.PredateSealing);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), seals.Select(s => s.Sequence));
        Assert.All(seals, s => Assert.Equal(database.Services.GetRequiredService<KeyRing>().Active.Id, s.KeyId));
        Assert.True(head.IsIntact, head.Summary);
        Assert.Equal(6, head.HeadSequence);
    }

    [Theory]
    [BothDatabases(4)]
    [InlineData(DatabaseProvider.Sqlite, 1)]
    [InlineData(DatabaseProvider.Sqlite, 10)]
    public async Task Verify_EntryRewrittenAndChainRehashed_ReportsForgedAtThatEntry(DatabaseProvider provider, long forged)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 10);

        await RewriteAndRehashAsync(database, forged);
        var result = await VerifyAsync(database);
        var head = await database.InScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().CheckHeadAsync(Ct));

        Assert.Equal(new { Sequence = forged, Kind = AuditBreakKind.Forged }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
        Assert.Equal(forged - 1, result.HeadSequence);
        Assert.False(head.IsIntact);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_RewrittenAndItsSealsDeleted_ReportsUnsealedAtTheFirst_EvenAfterANewEntry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 8);

        await RewriteAndRehashAsync(database, 5);
        await SqlAsync(database, "DELETE FROM \"AuditSeals\" WHERE \"Sequence\" >= 5");
        await AppendManyAsync(database, 1);
        var result = await VerifyAsync(database);

        Assert.Equal(new { Sequence = 5L, Kind = AuditBreakKind.Unsealed }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_SealRewrittenToTheForgedHead_ReportsForged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendManyAsync(database, 6);

        await RewriteAndRehashAsync(database, 3);
        foreach (var entry in await EntriesAsync(database))
        {
            await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE \"AuditSeals\" SET \"HeadHash\" = {entry.Hash} WHERE \"Sequence\" = {entry.Sequence}", Ct));
        }

        var result = await VerifyAsync(database);

        Assert.Equal(new { Sequence = 3L, Kind = AuditBreakKind.Forged }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
        Assert.Contains("does not verify", result.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NewestEntriesRemovedButTheirSealsKept_ReportsTruncatedWithoutAnAnchor()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await AppendManyAsync(database, 8);

        await SqlAsync(database, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" >= 7");
        var result = await VerifyAsync(database);

        Assert.Equal(new { Sequence = 7L, Kind = AuditBreakKind.Truncated }, new { result.FirstBreak!.Sequence, result.FirstBreak.Kind });
    }

    [Fact]
    public async Task Verify_EntriesFromBeforeSealing_AreCoveredByTheFirstSeal()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await AppendManyAsync(database, 4);
        await SqlAsync(database, "DELETE FROM \"AuditSeals\"");

        var unsealed = await VerifyAsync(database);
        await AppendManyAsync(database, 2);
        var sealedAgain = await VerifyAsync(database);

        Assert.Equal(new { Sequence = 1L, Kind = AuditBreakKind.Unsealed }, new { unsealed.FirstBreak!.Sequence, unsealed.FirstBreak.Kind });
        Assert.True(sealedAgain.IsIntact, sealedAgain.FirstBreak?.Reason);
        Assert.Equal(4, sealedAgain.PredateSealing);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_AfterKeyRotation_ChecksEachSealWithItsOwnKey_AndNamesAMissingKey(DatabaseProvider provider)
    {
        var oldKey = Convert.ToBase64String(BenignBytes.Create(32, seed: 91));
        var newKey = Convert.ToBase64String(BenignBytes.Create(32, seed: 92));
        await using var database = await TestDatabase.CreateAsync(provider, new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = oldKey });
        await AppendManyAsync(database, 3);

        await using var rotated = database.CreateServices(new Dictionary<string, string?>
        {
            ["Storage:KeyEncryptionKey"] = newKey,
            ["Storage:PreviousKeyEncryptionKeys:0"] = oldKey,
        });
        await AppendManyAsync(rotated, 3);
        var withBoth = await VerifyAsync(rotated);
        await using var forgotten = database.CreateServices(new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = newKey });
        var withoutOld = await VerifyAsync(forgotten);

        Assert.True(withBoth.IsIntact, withBoth.FirstBreak?.Reason);
        Assert.Equal(2, (await SealsAsync(database)).Select(s => s.KeyId).Distinct().Count());
        Assert.Equal(new { Sequence = 1L, Kind = AuditBreakKind.UnknownKey }, new { withoutOld.FirstBreak!.Sequence, withoutOld.FirstBreak.Kind });
    }

    /// <summary>What an attacker with database access does: changes one entry, then re-hashes it and every later one.</summary>
    private static async Task RewriteAndRehashAsync(TestDatabase database, long from)
    {
        var entries = await EntriesAsync(database);
        var previous = from == 1 ? AuditEntry.GenesisHash : entries.Single(e => e.Sequence == from - 1).Hash;
        foreach (var e in entries.Where(e => e.Sequence >= from))
        {
            var forged = new AuditEntry
            {
                Sequence = e.Sequence,
                Timestamp = e.Timestamp,
                ActorKind = e.ActorKind,
                ActorId = e.ActorId,
                OrganisationId = e.OrganisationId,
                Action = e.Action,
                Target = e.Target,
                ClientIp = e.ClientIp,
                Detail = e.Sequence == from ? "change=forged" : e.Detail,
                PreviousHash = previous,
                Hash = string.Empty,
            };
            var hash = AuditHash.Compute(forged);
            await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE \"AuditEntries\" SET \"Detail\" = {forged.Detail}, \"PreviousHash\" = {previous}, \"Hash\" = {hash} WHERE \"Sequence\" = {e.Sequence}", Ct));
            previous = hash;
        }

        Assert.True((await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Sequence >= from).ToListAsync(Ct))).All(e => AuditHash.Compute(e) == e.Hash), "the rewrite re-hashes the chain");
    }

    private static Task AppendManyAsync(TestDatabase database, int count) => AppendManyAsync(database.Services, count);

    private static async Task AppendManyAsync(IServiceProvider services, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Clearline.Tenancy.TenantContext>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().AppendAsync(
                new AuditEvent(AuditAction.OrganisationCreated, AuditActor.System, Guid.NewGuid(), Detail: $"change={i}"), Ct);
        }
    }

    private static Task<AuditVerification> VerifyAsync(TestDatabase database) => VerifyAsync(database.Services);

    private static async Task<AuditVerification> VerifyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(Ct);
    }

    private static Task<List<AuditEntry>> EntriesAsync(TestDatabase database) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));

    private static Task<List<AuditSeal>> SealsAsync(TestDatabase database) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Sequence).ToListAsync(Ct));

    private static Task<int> SqlAsync(TestDatabase database, string sql) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Database.ExecuteSqlRawAsync(sql, Ct));
}
