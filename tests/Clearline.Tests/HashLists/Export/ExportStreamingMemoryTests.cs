using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists.Export;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Export;

/// <summary>
/// An export streams: the retained heap, sampled after full collections while the file is written, does not grow
/// with the number of rows. Keeping the rows would retain far more than the allowance (tens of megabytes here).
/// Runs alone so other tests' allocations do not count.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class ExportStreamingMemoryTests
{
    private const int Items = 50_000;
    private const long AllowedGrowthBytes = 8 * 1024 * 1024;

    [Fact]
    public async Task Vics_FiftyThousandItems_WrittenWithBoundedMemory()
    {
        await using var database = await ManagementFixture.CreateAsync(DatabaseProvider.Sqlite);
        await SeedAsync(database);
        var sampler = new SamplingStream();

        var result = await database.InScopeAsync(sp => sp.GetRequiredService<ClassificationExport>().WriteAsync(
            sampler, ClassificationExportRequest.Parse("vics", [], null, null).Value!, exporter: null, AuditActor.System, TestContext.Current.CancellationToken));

        Assert.Equal(Items, result.Written);
        Assert.True(sampler.Samples >= 3, $"Only {sampler.Samples} samples: the export did not stream in blocks.");
        Assert.True(sampler.Peak - sampler.Baseline < AllowedGrowthBytes, $"Retained heap grew by {sampler.Peak - sampler.Baseline:N0} bytes while exporting.");
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        const int batch = 5_000;
        for (var start = 0; start < Items; start += batch)
        {
            await database.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<ClearlineDbContext>();
                for (var i = start; i < start + batch; i++)
                {
                    var sha = HashListSeed.Hex($"bulk {i}", 32);
                    db.Add(new MediaItem
                    {
                        Sha256 = sha, Md5 = HashListSeed.Hex($"bulk md5 {i}", 16), Sha1 = HashListSeed.Hex($"bulk sha1 {i}", 20),
                        Format = MediaFormat.Png, ByteLength = 100, FirstSeenAt = DateTimeOffset.UtcNow,
                    });
                    db.Add(new MediaClassification { MediaSha256 = sha, Verdict = Verdict.Baseline, Source = ClassificationSource.Analyst, ClassifiedAt = DateTimeOffset.UtcNow });
                }

                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
        }
    }

    /// <summary>Discards what is written, sampling the retained heap every megabyte.</summary>
    private sealed class SamplingStream : Stream
    {
        private const long SampleEvery = 1024 * 1024;
        private long _length;
        private long _nextSample = SampleEvery;

        public long Baseline { get; private set; }

        public long Peak { get; private set; }

        public int Samples { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _length += buffer.Length;
            if (_length >= _nextSample)
            {
                _nextSample = _length + SampleEvery;
                var retained = GC.GetTotalMemory(forceFullCollection: true);
                Baseline = Samples == 0 ? retained : Baseline;
                Peak = Math.Max(Peak, retained);
                Samples++;
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
