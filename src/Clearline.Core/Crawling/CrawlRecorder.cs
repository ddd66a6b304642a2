using System.Runtime.InteropServices;
using Clearline.Database;
using Clearline.MediaItems;
using Clearline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Crawling;

/// <summary>
/// Stores what the crawl found: encrypted evidence and page bodies, each media item once with its hashes, an
/// occurrence per place found, the URL's outcome and hosting, and the new frontier entries — one transaction per
/// batch, so a worker killed at any moment leaves each URL either untouched (fetched again) or wholly recorded.
/// </summary>
public sealed class CrawlRecorder(ClearlineDbContext db, MediaStore store, TimeProvider time)
{
    public async Task RecordAsync(Crawl crawl, CrawlFrontier frontier, IReadOnlyList<CrawlOutcome> outcomes, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        foreach (var outcome in outcomes)
        {
            var url = outcome.Target;
            var fetch = outcome.Fetch;
            url.State = outcome.Error is null ? UrlFetchState.Fetched : UrlFetchState.Failed;
            url.Content = outcome.Content;
            url.Error = Clip(outcome.Error, 1000);
            url.StatusCode = fetch.StatusCode;
            url.FinalUrl = fetch.FinalUrl.AbsoluteUri.Length <= Reports.ReportLimits.MaxUrlLength ? fetch.FinalUrl.AbsoluteUri : null;
            url.ContentType = Clip(fetch.ContentType, 200);
            url.FetchedAt = fetch.CompletedAt;
            url.ServerAddress = fetch.ServerAddress?.ToString();
            if (outcome.Hosting is { } hosting)
            {
                url.CountryCode = hosting.CountryCode;
                url.Asn = hosting.Asn;
                url.NetworkOrganisation = Clip(hosting.NetworkOrganisation, 200);
                url.IsCdn = hosting.IsCdn;
                url.ReverseDns = Clip(hosting.ReverseDns, 255);
            }

            url.EvidenceSha256 = (await store.PutAsync(new MemoryStream(FetchEvidence.From(fetch).ToJson()), ct)).Sha256;
            if (outcome.Content == UrlContent.Page && outcome.Error is null)
            {
                url.BodySha256 = (await PutAsync(fetch.Body, ct)).Sha256;
                crawl.PagesFetched++;
            }

            if (outcome.Media is { } media)
            {
                url.MediaSha256 = await RecordMediaAsync(url, media, now, ct);
            }

            foreach (var embedded in outcome.EmbeddedMedia)
            {
                await RecordMediaAsync(url, embedded, now, ct);
            }

            if (outcome.Error is not null)
            {
                crawl.Errors++;
            }

            db.AddRange(frontier.Admit(url, outcome.Links));
            crawl.LimitReason ??= outcome.LinksTruncated;
        }

        crawl.LimitReason ??= frontier.LimitReason;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        // The crawl's URLs stay tracked for the runner; stored media rows are done with.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is MediaItem or MediaOccurrence).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task<string> RecordMediaAsync(CrawledUrl url, FoundMedia media, DateTimeOffset now, CancellationToken ct)
    {
        var hashes = media.Hashes;
        var sha256 = hashes.Hashes.Sha256;
        if (!await store.ExistsAsync(sha256, ct))
        {
            await PutAsync(media.Bytes, ct);
        }

        var tracked = db.ChangeTracker.Entries<MediaItem>().Any(e => e.Entity.Sha256 == sha256);
        if (!tracked && !await db.Set<MediaItem>().AnyAsync(m => m.Sha256 == sha256, ct))
        {
            db.Add(new MediaItem
            {
                Sha256 = sha256,
                Md5 = hashes.Hashes.Md5,
                Sha1 = hashes.Hashes.Sha1,
                Pdq = hashes.Pdq?.Hash.ToString(),
                PdqQuality = hashes.Pdq?.Quality,
                Format = media.Format,
                Width = hashes.Image?.Width,
                Height = hashes.Image?.Height,
                ByteLength = hashes.Length,
                DecodeError = Clip(hashes.Error is { } error ? $"{error.Code}: {error.Message}" : null, 1000),
                FirstSeenAt = now,
            });
        }

        var occurrenceKnown = db.ChangeTracker.Entries<MediaOccurrence>().Any(e => e.Entity.CrawledUrlId == url.Id && e.Entity.MediaSha256 == sha256)
            || await db.Set<MediaOccurrence>().AnyAsync(o => o.CrawlId == url.CrawlId && o.CrawledUrlId == url.Id && o.MediaSha256 == sha256, ct);
        if (!occurrenceKnown)
        {
            db.Add(new MediaOccurrence
            {
                OrganisationId = url.OrganisationId,
                ReportId = url.ReportId,
                CrawlId = url.CrawlId,
                CrawledUrlId = url.Id,
                MediaSha256 = sha256,
                FoundIn = media.FoundIn,
                FoundAt = now,
            });
        }

        return sha256;
    }

    private static string? Clip(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;

    private Task<StoredBlob> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        return store.PutAsync(stream, ct);
    }
}
