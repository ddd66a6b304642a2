using System.Globalization;
using System.IO.Compression;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Storage;

namespace Clearline.Evidence;

/// <summary>
/// Writes a prepared package as a ZIP straight to the output: per item the original, <c>hashes.json</c>,
/// <c>classification.json</c>, <c>custody.json</c> and per content URL <c>location.json</c>,
/// <c>fetch-evidence.json</c> and <c>page.html</c>; then <c>manifest.json</c> and <c>manifest.sig</c>.
/// </summary>
/// <remarks>
/// Memory stays bounded whatever the size of the originals: blobs are decrypted and copied entry by entry, each file
/// is hashed while it is written (<see cref="HashingStream"/>), and only the list of files is kept for the manifest.
/// Crawled URLs belong to the hotline that crawled them, so they are read past the tenant filter, and only the
/// content URL, its page and the fetch record are taken from them, never the report.
/// </remarks>
public sealed class EvidencePackageWriter(ClearlineDbContext db, MediaStore store, InstanceSigningKey key, AuditVerifier verifier)
{
    public const int MaxUrlsPerItem = 100;
    private const int MaxCustodyEntries = 5000;

    internal async Task WriteAsync(EvidencePackageHeader header, Stream output, CancellationToken ct)
    {
        var zip = await EvidenceZip.CreateAsync(output, header.CreatedAt, ct);
        await using (zip)
        {
            var seal = await verifier.CheckHeadAsync(ct);
            var custodySeal = new CustodySeal(seal.HeadSequence, seal.IsIntact, seal.Summary);
            var organisations = await db.Set<Organisation>().AsNoTracking().Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            foreach (var item in header.Items)
            {
                await WriteItemAsync(zip, header, item, custodySeal, organisations, ct);
            }

            var manifest = new EvidenceManifest(
                EvidenceManifest.CurrentFormat, header.PackageId, header.CreatedAt,
                new ManifestOrganisation(header.Organisation.Id, header.Organisation.Name, header.Organisation.CountryCode),
                new ManifestActor(header.Officer.IsApiKey ? "ApiKey" : "User", header.Officer.PrincipalId),
                header.ReferralId, [.. header.Items.Select(i => i.Sha256)],
                new ManifestSigningKey(key.Id, InstanceSigningKey.Algorithm, key.Fingerprint, key.PublicKeyPem),
                zip.Files);
            var bytes = manifest.ToJson();
            await zip.AddUnlistedAsync(EvidenceManifest.FileName, bytes, ct);
            await zip.AddUnlistedAsync(EvidenceManifest.SignatureFileName, key.Sign(bytes), ct);
        }
    }

    private async Task WriteItemAsync(
        EvidenceZip zip, EvidencePackageHeader header, PackagedItem item, CustodySeal seal, Dictionary<Guid, string> organisations, CancellationToken ct)
    {
        var folder = $"items/{item.Sha256}/";
        var media = await db.Set<MediaItem>().AsNoTracking().FirstAsync(m => m.Sha256 == item.Sha256, ct);
        await WriteOriginalAsync(zip, folder, media, ct);
        await zip.AddJsonAsync(folder + "hashes.json", new HashesFile(
            media.Sha256, media.Md5, media.Sha1, media.Pdq, media.PdqQuality, media.Format, media.Width, media.Height, media.ByteLength, media.FirstSeenAt), ct);
        await zip.AddJsonAsync(folder + "classification.json", await ClassificationAsync(item.Sha256, organisations, ct), ct);

        var urls = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking().Where(u => item.CrawledUrlIds.Contains(u.Id)).ToListAsync(ct);
        var pageIds = urls.Where(u => u.FoundOnId is not null).Select(u => u.FoundOnId!.Value).Distinct().ToList();
        var pages = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking().Where(u => pageIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, ct);
        var routes = await db.Set<ContentRoute>().AsNoTracking().Where(r => item.CrawledUrlIds.Contains(r.CrawledUrlId))
            .Select(r => new { r.Id, r.CrawledUrlId }).ToListAsync(ct);
        var number = 0;
        foreach (var url in item.CrawledUrlIds.Select(id => urls.FirstOrDefault(u => u.Id == id)).OfType<CrawledUrl>())
        {
            number++;
            var page = url.FoundOnId is { } pageId ? pages.GetValueOrDefault(pageId) : null;
            var urlFolder = folder + "urls/" + number.ToString("D2", CultureInfo.InvariantCulture) + "/";
            var routeIds = routes.Where(r => r.CrawledUrlId == url.Id).Select(r => r.Id).ToList();
            await zip.AddJsonAsync(urlFolder + "location.json", new LocationFile(
                url.Url, url.FinalUrl, url.StatusCode, url.ContentType, url.FetchedAt, page?.Url, url.FoundIn,
                new HostingRecord(url.ServerAddress, url.CountryCode, url.Asn, url.NetworkOrganisation, url.ReverseDns, url.IsCdn), routeIds), ct);
            await WriteBlobAsync(zip, urlFolder + "fetch-evidence.json", url.EvidenceSha256, ct);
            await WriteBlobAsync(zip, urlFolder + "page.html", page?.BodySha256, ct);
        }

        string[] targets =
        [
            $"blob:{item.Sha256}", .. routes.Select(r => $"route:{r.Id}"), .. item.ReferralIds.Select(r => $"referral:{r}"), header.DownloadTarget,
        ];
        await zip.AddJsonAsync(folder + "custody.json", await CustodyAsync(header, targets.Distinct(StringComparer.Ordinal).ToList(), seal, organisations, ct), ct);
    }

    private async Task WriteOriginalAsync(EvidenceZip zip, string folder, MediaItem media, CancellationToken ct)
    {
        var name = folder + "original." + media.Format.ToString().ToLowerInvariant();
        var read = await store.OpenReadAsync(media.Sha256, ct);
        if (read is BlobReadResult.Ok ok)
        {
            await using var content = ok.Content;
            await zip.AddAsync(name, CompressionLevel.NoCompression, (stream, token) => content.CopyToAsync(stream, token), ct);
            return;
        }

        await zip.AddJsonAsync(folder + "original-unavailable.json", new UnavailableFile(Unavailable(read)), ct);
    }

    /// <summary>Copies a stored (encrypted) blob decrypted into the package; a blob that cannot be read is left out and the manifest does not list it.</summary>
    private async Task WriteBlobAsync(EvidenceZip zip, string path, string? sha256, CancellationToken ct)
    {
        if (sha256 is null || await store.OpenReadAsync(sha256, ct) is not BlobReadResult.Ok ok)
        {
            return;
        }

        await using var content = ok.Content;
        await zip.AddAsync(path, CompressionLevel.Optimal, (stream, token) => content.CopyToAsync(stream, token), ct);
    }

    private async Task<ClassificationFile> ClassificationAsync(string sha256, Dictionary<Guid, string> organisations, CancellationToken ct)
    {
        var rows = await db.Set<MediaClassification>().AsNoTracking().Where(c => c.MediaSha256 == sha256).ToListAsync(ct);
        return new ClassificationFile([.. rows.OrderByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id).Select(c => new DecisionRecord(
            c.Id, c.Verdict, c.Jurisdiction, c.AgeGroup, c.Gender, c.Flags, c.Source,
            c.OrganisationId, c.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null, c.UserId, c.ApiKeyId, c.HashListId,
            c.ClassifiedAt, c.SupersededAt, c.WithdrawnReason, c.SupersededAt is null))]);
    }

    private async Task<CustodyFile> CustodyAsync(
        EvidencePackageHeader header, IReadOnlyList<string> targets, CustodySeal seal, Dictionary<Guid, string> organisations, CancellationToken ct)
    {
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Target != null && targets.Contains(e.Target))
            .OrderBy(e => e.Sequence).Take(MaxCustodyEntries + 1).ToListAsync(ct);
        var own = header.Organisation.Id;
        var rows = entries.Take(MaxCustodyEntries).Select(e => new CustodyEntry(
            e.Sequence, e.Timestamp, e.Action, e.ActorKind.ToString(), e.ActorId, e.OrganisationId,
            e.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null,
            e.Target, e.OrganisationId == own ? e.Detail : null, e.PreviousHash, e.Hash,
            string.Equals(AuditHash.Compute(e), e.Hash, StringComparison.Ordinal))).ToList();
        return new CustodyFile(targets, rows, entries.Count > MaxCustodyEntries, seal);
    }

    private static string Unavailable(BlobReadResult read) => read switch
    {
        BlobReadResult.Shredded shredded => $"shredded at {shredded.At:O} ({shredded.Reason})",
        BlobReadResult.Tampered tampered => $"the stored original failed its integrity check: {tampered.Reason}",
        BlobReadResult.KeyUnavailable missing => $"the key {missing.KeyId} it is encrypted under is not configured",
        _ => "the stored original was not found",
    };
}
