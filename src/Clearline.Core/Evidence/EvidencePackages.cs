using Clearline.Crawling;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.Referrals;
using Clearline.Routing;
using Clearline.Storage;

namespace Clearline.Evidence;

/// <summary>What to package: one referral, or a selection of items (their SHA-256s). Exactly one of the two.</summary>
public sealed record EvidenceRequest(Guid? ReferralId, IReadOnlyList<string>? Items);

/// <summary>
/// Makes signed evidence packages for police units: checks the request and access, audits the download, and hands back
/// a package that writes itself to a stream.
/// </summary>
/// <remarks>
/// <para>Only police units: INTERPOL, hotlines, the coordinator and industry are refused (their permissions and key
/// ceilings already exclude them; this is the second line). A referral is packaged only for the unit it was made to;
/// items only when every one is under <see cref="PortalAccess.ItemsFor"/>: anything else answers 404, like an item
/// that does not exist, so a unit cannot learn what another country holds.</para>
/// <para>The download is audited (<see cref="AuditAction.EvidencePackageDownloaded"/>) before the first byte is sent,
/// so a package that reaches anyone is always in the chain of custody, itself included.</para>
/// </remarks>
public sealed class EvidencePackages(
    ClearlineDbContext db, PortalAccess access, AuditTrail audit, EvidencePackageWriter writer, TimeProvider time)
{
    public const int MaxItems = 100;
    private const string NotVisible = "No such item, or not one your organisation may see.";

    public async Task<Result<EvidencePackage>> PrepareAsync(Officer officer, EvidenceRequest request, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(request);
        if (!officer.IsPolice)
        {
            return new RefusedError("Evidence packages are made for police units only.");
        }

        var selection = await SelectAsync(officer, request, ct);
        if (!selection.IsSuccess)
        {
            return selection.Error;
        }

        var organisation = await db.Set<Organisation>().AsNoTracking().FirstAsync(o => o.Id == officer.OrganisationId, ct);
        var packageId = Guid.CreateVersion7();
        var createdAt = time.GetUtcNow();
        var target = request.ReferralId is { } referralId ? $"referral:{referralId}" : $"evidence:{packageId}";
        var items = selection.Value;
        await audit.AppendAsync(new AuditEvent(AuditAction.EvidencePackageDownloaded, officer.Actor, officer.OrganisationId,
            Target: target, ClientIp: clientIp, Detail: $"package {packageId}: {items.Count} item(s)"), ct);
        var header = new EvidencePackageHeader(packageId, createdAt, organisation, officer, request.ReferralId, target, items);
        return new EvidencePackage(header, writer);
    }

    private async Task<Result<IReadOnlyList<PackagedItem>>> SelectAsync(Officer officer, EvidenceRequest request, CancellationToken ct)
    {
        if (request.ReferralId is not null && request.Items is { Count: > 0 })
        {
            return new InvalidError("items", "Ask for one referral or a selection of items, not both.");
        }

        if (request.ReferralId is { } referralId)
        {
            return await ForReferralAsync(officer, referralId, ct);
        }

        var items = request.Items?.Select(s => s?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (items.Count == 0)
        {
            return new InvalidError("items", "Give a referral (referralId) or at least one item (items: SHA-256s).");
        }

        if (items.Count > MaxItems)
        {
            return new InvalidError("items", $"One package holds at most {MaxItems} items; download several packages.");
        }

        if (items.FirstOrDefault(s => !BlobAddress.IsValid(s)) is { } bad)
        {
            return new InvalidError("items", $"'{bad}' is not a SHA-256 (64 hexadecimal digits).");
        }

        var visible = await access.ItemsFor(officer).Where(s => items.Contains(s)).Distinct().CountAsync(ct);
        if (visible != items.Count)
        {
            return new NotFoundError(NotVisible);
        }

        var referred = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.PoliceOrganisationId == officer.OrganisationId && r.MediaSha256 != null && items.Contains(r.MediaSha256))
            .Select(r => new { r.Id, r.MediaSha256 }).ToListAsync(ct);
        var urls = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.MediaSha256 != null && items.Contains(u.MediaSha256) && u.State == UrlFetchState.Fetched)
            .OrderBy(u => u.FetchedAt).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.MediaSha256 }).ToListAsync(ct);
        return items.Select(sha => new PackagedItem(
                sha,
                [.. urls.Where(u => u.MediaSha256 == sha).Select(u => u.Id).Take(EvidencePackageWriter.MaxUrlsPerItem)],
                [.. referred.Where(r => r.MediaSha256 == sha).Select(r => r.Id)]))
            .ToList();
    }

    /// <remarks>The referral's item with the one content URL it was referred for; only for the unit it was made to.</remarks>
    private async Task<Result<IReadOnlyList<PackagedItem>>> ForReferralAsync(Officer officer, Guid referralId, CancellationToken ct)
    {
        var referral = await db.Set<Referral>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == referralId && r.PoliceOrganisationId == officer.OrganisationId, ct);
        if (referral is null)
        {
            return new NotFoundError("No such referral, or not one made to your unit.");
        }

        if (referral.MediaSha256 is null)
        {
            return new ConflictError("The referred content URL has no stored item, so there is nothing to package; ask the referring hotline.");
        }

        var urlId = await db.Set<ContentRoute>().Where(r => r.Id == referral.RouteId).Select(r => r.CrawledUrlId).FirstAsync(ct);
        return new List<PackagedItem> { new(referral.MediaSha256, [urlId], [referral.Id]) };
    }
}

/// <summary>One item of a package: its address, the content URLs (crawled URL ids) it is documented at, and the unit's referrals of it.</summary>
public sealed record PackagedItem(string Sha256, IReadOnlyList<Guid> CrawledUrlIds, IReadOnlyList<Guid> ReferralIds);

/// <summary>What the manifest says of a package besides its files.</summary>
/// <remarks><c>DownloadTarget</c>: the audit target of the download entry, so the package's custody includes its own download.</remarks>
public sealed record EvidencePackageHeader(
    Guid PackageId, DateTimeOffset CreatedAt, Organisation Organisation, Officer Officer, Guid? ReferralId, string DownloadTarget, IReadOnlyList<PackagedItem> Items);

/// <summary>A prepared (checked and audited) package; <see cref="WriteAsync"/> streams it as a ZIP.</summary>
public sealed class EvidencePackage(EvidencePackageHeader header, EvidencePackageWriter writer)
{
    public const string ContentType = "application/zip";

    public EvidencePackageHeader Header => header;

    public string FileName => $"clearline-evidence-{header.CreatedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}-{header.PackageId:N}.zip";

    public Task WriteAsync(Stream output, CancellationToken ct) => writer.WriteAsync(header, output, ct);
}
