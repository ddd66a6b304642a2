using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Storage;

/// <summary>A large blob streams through a few chunks of memory. Runs alone so other tests' allocations do not count.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class StreamingMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const long Size = 96L * 1024 * 1024;
    private const long AllocationBudget = 8L * 1024 * 1024;

    [Fact]
    public async Task PutAndRead_96MiB_AllocatesFarLessThanTheBlob()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(BenignBytes.Create(10)), Ct));

        using var source = new GeneratedStream(Size);
        var beforePut = GC.GetTotalAllocatedBytes(precise: true);
        var stored = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(source, Ct));
        var putAllocated = GC.GetTotalAllocatedBytes(precise: true) - beforePut;

        var buffer = new byte[81920];
        using var readHash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var beforeRead = GC.GetTotalAllocatedBytes(precise: true);
        long total = 0;
        await database.InScopeAsync(async sp =>
        {
            var ok = Assert.IsType<BlobReadResult.Ok>(await sp.GetRequiredService<MediaStore>().OpenReadAsync(stored.Sha256, Ct));
            await using var stream = ok.Content;
            int n;
            while ((n = await stream.ReadAsync(buffer, Ct)) > 0)
            {
                readHash.AppendData(buffer, 0, n);
                total += n;
            }
        });
        var readAllocated = GC.GetTotalAllocatedBytes(precise: true) - beforeRead;

        Assert.Equal(source.Sha256(), stored.Sha256);
        Assert.Equal(Size, total);
        Assert.Equal(stored.Sha256, Convert.ToHexStringLower(readHash.GetHashAndReset()));
        TestContext.Current.TestOutputHelper?.WriteLine($"put {putAllocated:N0} B, read {readAllocated:N0} B");
        Assert.True(putAllocated < AllocationBudget, $"put allocated {putAllocated:N0} bytes for a {Size:N0}-byte blob");
        Assert.True(readAllocated < AllocationBudget, $"read allocated {readAllocated:N0} bytes for a {Size:N0}-byte blob");
    }
}
