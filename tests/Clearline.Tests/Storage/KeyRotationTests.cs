using Clearline.Audit;
using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Storage;

public sealed class KeyRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Rotate_GeneratedKeys_RewrapsEveryBlobAndOldBlobsStillRead(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var contents = Enumerable.Range(1, 5).Select(i => BenignBytes.Create(i * 30_000, seed: i)).ToArray();
        foreach (var content in contents)
        {
            await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));
        }

        var before = await RowsAsync(database);
        var result = await database.InScopeAsync(sp => sp.GetRequiredService<KeyRotation>().RotateAsync(Ct));
        var after = await RowsAsync(database);

        Assert.True(result.KeyGenerated);
        Assert.Equal(5, result.Rewrapped);
        Assert.Equal(0, result.Unreadable);
        Assert.NotEqual(before[0].KeyId, result.ActiveKeyId);
        Assert.All(after, row => Assert.Equal(result.ActiveKeyId, row.KeyId));
        Assert.All(after, row => Assert.NotEqual(before.Single(b => b.Sha256 == row.Sha256).WrappedKey, row.WrappedKey));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(database.DataPath, "keys"), "*.kek").Length);
        foreach (var content in contents)
        {
            Assert.Equal(content, await ReadAsync(database.Services, BenignBytes.Sha256(content)));
        }

        // A second process (fresh key ring) sees the new active key and still reads everything.
        await using var restarted = database.CreateServices();
        Assert.Equal(result.ActiveKeyId, restarted.GetRequiredService<KeyRing>().Active.Id);
        Assert.Equal(contents[0], await ReadAsync(restarted, BenignBytes.Sha256(contents[0])));

        var again = await database.InScopeAsync(sp => sp.GetRequiredService<KeyRotation>().RotateAsync(Ct));
        Assert.Equal(5, again.Rewrapped);
        var audit = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().ToListAsync(Ct));
        Assert.Equal(2, audit.Count(e => e.Action == AuditAction.KeysRotated));
    }

    [Fact]
    public async Task Rotate_ConfiguredKeyChanged_RewrapsToNewKeyAndOldKeyCanBeDropped()
    {
        var oldKey = Convert.ToBase64String(BenignBytes.Create(32, seed: 20));
        var newKey = Convert.ToBase64String(BenignBytes.Create(32, seed: 21));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = oldKey });
        var content = BenignBytes.Create(100_000);
        var stored = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));

        await using var switched = database.CreateServices(new Dictionary<string, string?>
        {
            ["Storage:KeyEncryptionKey"] = newKey,
            ["Storage:PreviousKeyEncryptionKeys:0"] = oldKey,
        });
        Assert.Equal(content, await ReadAsync(switched, stored.Sha256));
        KeyRotationResult result;
        await using (var scope = switched.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct);
        }

        await using var newOnly = database.CreateServices(new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = newKey });
        Assert.False(result.KeyGenerated);
        Assert.Equal(1, result.Rewrapped);
        Assert.Equal(newOnly.GetRequiredService<KeyRing>().Active.Id, result.ActiveKeyId);
        Assert.Equal(content, await ReadAsync(newOnly, stored.Sha256));
        Assert.False(Directory.Exists(Path.Combine(database.DataPath, "keys")));
    }

    [Fact]
    public async Task Rotate_KeyNoLongerConfigured_CountsUnreadableAndLeavesRow()
    {
        var lostKey = Convert.ToBase64String(BenignBytes.Create(32, seed: 30));
        var newKey = Convert.ToBase64String(BenignBytes.Create(32, seed: 31));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = lostKey });
        await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(BenignBytes.Create(10)), Ct));

        await using var services = database.CreateServices(new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = newKey });
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct);

        Assert.Equal(0, result.Rewrapped);
        Assert.Equal(1, result.Unreadable);
    }

    private static Task<List<MediaBlob>> RowsAsync(TestDatabase database) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<MediaBlob>().AsNoTracking().ToListAsync(Ct));

    private static async Task<byte[]> ReadAsync(IServiceProvider services, string sha256)
    {
        await using var scope = services.CreateAsyncScope();
        var ok = Assert.IsType<BlobReadResult.Ok>(await scope.ServiceProvider.GetRequiredService<MediaStore>().OpenReadAsync(sha256, Ct));
        await using var stream = ok.Content;
        return await BenignBytes.ReadAllAsync(stream);
    }
}
