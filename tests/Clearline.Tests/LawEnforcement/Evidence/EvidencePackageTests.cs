using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Evidence;
using Clearline.LawEnforcement;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Referrals;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Tests.Cli;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.Evidence;

/// <summary>Signed evidence packages: what they hold, who gets them, and <c>clearline evidence verify</c> on them.</summary>
public sealed class EvidencePackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clearline-evidence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [BothDatabases]
    public async Task Download_ForReferral_HoldsEveryFileIsAuditedAndVerifies(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var referralId = await ReferAsync(world, item);

        var response = await world.PoliceNl.PostAsync("/api/v1/evidence", new { referralId });
        var path = await SaveAsync(response);

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(path))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            var folder = $"items/{item.Sha256}/";
            foreach (var expected in new[]
            {
                folder + "original.jpeg", folder + "hashes.json", folder + "classification.json", folder + "custody.json",
                folder + "urls/01/location.json", folder + "urls/01/fetch-evidence.json", folder + "urls/01/page.html", "manifest.json", "manifest.sig",
            })
            {
                Assert.Contains(expected, names);
            }

            var original = await ReadAsync(zip, folder + "original.jpeg");
            Assert.Equal(item.Sha256, Convert.ToHexStringLower(SHA256.HashData(original)));
            Assert.Contains(item.Url, Encoding.UTF8.GetString(await ReadAsync(zip, folder + "urls/01/location.json")), StringComparison.Ordinal);
            Assert.Contains("EvidencePackageDownloaded", Encoding.UTF8.GetString(await ReadAsync(zip, folder + "custody.json")), StringComparison.Ordinal);
        }

        var audited = await world.WithDatabaseAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.EvidencePackageDownloaded && e.Target == $"referral:{referralId}" && e.OrganisationId == world.PoliceNl.Id).ToListAsync(PortalWorld.Ct));
        Assert.Equal("1 item(s)", Assert.Single(audited).Detail![^9..]);

        var pem = await world.App.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<InstanceSigningKey>().PublicKeyPem));
        var keyFile = Path.Combine(_folder, "signing-key.pem");
        await File.WriteAllTextAsync(keyFile, pem, PortalWorld.Ct);
        var verified = await ClearlineProcess.RunAsync(null, "evidence", "verify", path, "--public-key", keyFile);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith("VALID", verified.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Verify_SelectionTamperedAddedOrResigned_IsRejected(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var first = await world.SeedItemAsync(world.HotlineNl, "NL");
        var second = await world.SeedItemAsync(world.HotlineDe, "NL");
        var path = await SaveAsync(await world.PoliceNl.PostAsync("/api/v1/evidence", new { items = new[] { first.Sha256, second.Sha256 } }));
        var pem = await world.App.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<InstanceSigningKey>().PublicKeyPem));
        var keyFile = Path.Combine(_folder, "signing-key.pem");
        await File.WriteAllTextAsync(keyFile, pem, PortalWorld.Ct);

        var intact = await ClearlineProcess.RunAsync(null, "evidence", "verify", path);
        var tampered = Rewrite(path, "tampered.zip", (name, bytes) => name.EndsWith("hashes.json", StringComparison.Ordinal) && name.Contains(second.Sha256, StringComparison.Ordinal) ? Flip(bytes) : bytes);
        var added = Rewrite(path, "added.zip", (_, bytes) => bytes, ("items/extra.txt", "planted"u8.ToArray()));
        var resigned = Resign(path);
        var tamperedResult = await ClearlineProcess.RunAsync(null, "evidence", "verify", tampered, "--public-key", keyFile);
        var addedResult = await ClearlineProcess.RunAsync(null, "evidence", "verify", added, "--public-key", keyFile);
        var resignedEmbedded = await ClearlineProcess.RunAsync(null, "evidence", "verify", resigned);
        var resignedPinned = await ClearlineProcess.RunAsync(null, "evidence", "verify", resigned, "--public-key", keyFile);
        var corrupt = Path.Combine(_folder, "corrupt.zip");
        await File.WriteAllBytesAsync(corrupt, "not a zip"u8.ToArray(), PortalWorld.Ct);
        var corruptResult = await ClearlineProcess.RunAsync(null, "evidence", "verify", corrupt);

        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("only the one embedded", intact.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, tamperedResult.ExitCode);
        Assert.Contains($"items/{second.Sha256}/hashes.json: changed", tamperedResult.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, addedResult.ExitCode);
        Assert.Contains("items/extra.txt: added", addedResult.StandardError, StringComparison.Ordinal);
        Assert.True(resignedEmbedded.ExitCode == 0, resignedEmbedded.ToString());
        Assert.NotEqual(0, resignedPinned.ExitCode);
        Assert.Contains("pinned key", resignedPinned.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, corruptResult.ExitCode);
        Assert.Contains("not a ZIP", corruptResult.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Download_OtherCountryOrNotPolice_IsNotFoundOrForbidden(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var referralId = await ReferAsync(world, item);

        var policeDeItems = await world.PoliceDe.PostAsync("/api/v1/evidence", new { items = new[] { item.Sha256 } });
        var policeDeReferral = await world.PoliceDe.PostAsync("/api/v1/evidence", new { referralId });
        Assert.Equal(HttpStatusCode.NotFound, policeDeItems.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, policeDeReferral.StatusCode);
        foreach (var member in new[] { world.HotlineNl, world.HotlineDe, world.Coordinator, world.Industry, world.Interpol })
        {
            var response = await member.PostAsync("/api/v1/evidence", new { items = new[] { item.Sha256 } });
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{member.Organisation.Kind}: {response.StatusCode}");
        }

        var none = await world.PoliceNl.PostAsync("/api/v1/evidence", new { });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var downloads = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.EvidencePackageDownloaded, PortalWorld.Ct));
        Assert.Equal(0, downloads);
    }

    [Fact]
    public async Task Write_LargeOriginal_StreamsInBoundedWritesToAnUnseekableOutput()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var large = new byte[6 * 1024 * 1024];
        new Random(13).NextBytes(large);
        large[0] = 0xFF;
        large[1] = 0xD8;
        var output = new RecordingStream(Path.Combine(_folder, "large.zip"));
        await world.App.AsSystemAsync(async sp =>
        {
            var stored = await sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(large), PortalWorld.Ct);
            var db = sp.GetRequiredService<ClearlineDbContext>();
#pragma warning disable CA5350, CA5351 // the hashes ICSE exchanges, not used for security
            db.Add(new MediaItem { Sha256 = stored.Sha256, Md5 = Convert.ToHexStringLower(MD5.HashData(large)), Sha1 = Convert.ToHexStringLower(SHA1.HashData(large)), Format = MediaFormat.Jpeg, ByteLength = large.Length, FirstSeenAt = DateTimeOffset.UtcNow });
#pragma warning restore CA5350, CA5351
            await db.SaveChangesAsync(PortalWorld.Ct);
            var officer = new Officer(world.PoliceNl.Id, world.PoliceNl.Organisation.Kind, "NL", Guid.NewGuid(), IsApiKey: true);
            var header = new EvidencePackageHeader(Guid.NewGuid(), DateTimeOffset.UtcNow, world.PoliceNl.Organisation, officer, null, "evidence:test", [new PackagedItem(stored.Sha256, [], [])]);
            await new EvidencePackage(header, sp.GetRequiredService<EvidencePackageWriter>()).WriteAsync(output, PortalWorld.Ct);
            return 0;
        });
        await output.DisposeAsync();

        Assert.True(output.Total > large.Length, $"{output.Total} bytes written");
        Assert.True(output.LargestWrite <= 256 * 1024, $"largest single write {output.LargestWrite} bytes");
        Assert.True(output.Writes > 20, $"{output.Writes} writes");
        await using var file = File.OpenRead(output.Path);
        var verification = EvidencePackageVerifier.Verify(file, null);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
    }

    private static async Task<Guid> ReferAsync(PortalWorld world, PortalItem item)
    {
        await ProblemAssert.IsSuccessAsync(await world.ReferAsync(item));
        return await world.WithDatabaseAsync(async db =>
        {
            var action = await db.Set<TakedownAction>().IgnoreQueryFilters().Where(a => a.RouteId == item.RouteId && a.Kind == TakedownActionKind.ReportedToLea).FirstAsync(PortalWorld.Ct);
            var existing = await db.Set<Referral>().FirstOrDefaultAsync(r => r.TakedownActionId == action.Id, PortalWorld.Ct);
            if (existing is not null)
            {
                return existing.Id;
            }

            var referral = new Referral
            {
                RouteId = item.RouteId, TakedownActionId = action.Id, HotlineOrganisationId = world.HotlineNl.Id, PoliceOrganisationId = world.PoliceNl.Id,
                MediaSha256 = item.Sha256, Reason = ActionReason.PossibleNewVictim, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(referral);
            await db.SaveChangesAsync(PortalWorld.Ct);
            return referral.Id;
        });
    }

    private async Task<string> SaveAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(PortalWorld.Ct));
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".zip");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(PortalWorld.Ct), PortalWorld.Ct);
        return path;
    }

    private static async Task<byte[]> ReadAsync(ZipArchive zip, string name)
    {
        await using var stream = await zip.GetEntry(name)!.OpenAsync(PortalWorld.Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, PortalWorld.Ct);
        return copy.ToArray();
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }

    /// <summary>A copy of the package with each entry passed through <paramref name="change"/>, and extra entries added.</summary>
    private string Rewrite(string path, string name, Func<string, byte[], byte[]> change, params (string Name, byte[] Content)[] extra)
    {
        var target = Path.Combine(_folder, name);
        using var source = ZipFile.OpenRead(path);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var read = entry.Open();
            using var copy = new MemoryStream();
            read.CopyTo(copy);
            using var write = output.CreateEntry(entry.FullName).Open();
            write.Write(change(entry.FullName, copy.ToArray()));
        }

        foreach (var (extraName, content) in extra)
        {
            using var write = output.CreateEntry(extraName).Open();
            write.Write(content);
        }

        return target;
    }

    /// <summary>An attacker's copy: one file changed, the manifest updated to match and re-signed with the attacker's own key.</summary>
    private string Resign(string path)
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attackerPem = attacker.ExportSubjectPublicKeyInfoPem();
        var fingerprint = InstanceSigningKey.FingerprintOf(attackerPem)!;
        byte[] manifestBytes;
        using (var source = ZipFile.OpenRead(path))
        {
            using var read = source.GetEntry(EvidenceManifest.FileName)!.Open();
            using var copy = new MemoryStream();
            read.CopyTo(copy);
            var manifest = EvidenceManifest.TryParse(copy.ToArray())!;
            manifest = manifest with { SigningKey = new ManifestSigningKey(InstanceSigningKey.IdOf(fingerprint), InstanceSigningKey.Algorithm, fingerprint, attackerPem) };
            manifestBytes = manifest.ToJson();
        }

        var signature = attacker.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Rewrite(path, "resigned.zip", (name, bytes) => name switch
        {
            EvidenceManifest.FileName => manifestBytes,
            EvidenceManifest.SignatureFileName => signature,
            _ => bytes,
        });
    }

    /// <summary>An unseekable output that records every write's size on its way to a file.</summary>
    private sealed class RecordingStream(string path) : Stream
    {
        private readonly FileStream _file = File.Create(path);

        public string Path { get; } = path;

        public long Total { get; private set; }

        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Total; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Record(buffer.Length);
            _file.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Record(buffer.Length);
            return _file.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => _file.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await _file.DisposeAsync();
            await base.DisposeAsync();
        }

        private void Record(int count)
        {
            Total += count;
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
        }
    }
}
