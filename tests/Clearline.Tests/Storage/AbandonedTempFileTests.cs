using Clearline.Storage;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Storage;

/// <summary>Ciphertext that a crashed process left half-written is cleaned up; a write in progress is not touched.</summary>
public sealed class AbandonedTempFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstWrite_DeletesOldTemporaryFiles_AndKeepsRecentOnes()
    {
        var media = Directory.CreateTempSubdirectory("clearline-media-").FullName;
        try
        {
            var tmp = Directory.CreateDirectory(Path.Combine(media, ".tmp")).FullName;
            var abandoned = Path.Combine(tmp, "abandoned.part");
            var inProgress = Path.Combine(tmp, "in-progress.part");
            await File.WriteAllBytesAsync(abandoned, BenignBytes.Create(100), Ct);
            await File.WriteAllBytesAsync(inProgress, BenignBytes.Create(100, seed: 2), Ct);
            File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - FileSystemBlobBackend.AbandonedAfter - TimeSpan.FromHours(1));
            var backend = new FileSystemBlobBackend(Options.Create(new StorageOptions { MediaPath = media, KeysPath = media }));

            await using (await backend.BeginWriteAsync(Ct))
            {
                Assert.False(File.Exists(abandoned));
                Assert.True(File.Exists(inProgress));
            }

            Assert.Equal([inProgress], Directory.GetFiles(tmp));
        }
        finally
        {
            Directory.Delete(media, recursive: true);
        }
    }
}
