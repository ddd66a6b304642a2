using Clearline.Events;
using Clearline.MediaItems;
using Clearline.Storage;

namespace Clearline.Crawling;

/// <summary>
/// Stores what the crawl found: encrypted evidence and page bodies, each media item once with its hashes, an
/// occurrence per place found, the URL's outcome and hosting, and the new frontier entries — one transaction per
/// batch, so a worker killed at any moment leaves each URL either untouched (fetched again) or wholly recorded.
/// New items are announced (<see cref="MediaStored"/>) in the same transaction, so what follows (matching) is queued with them.
/// </summary>
public sealed class CrawlRecorder(ClearlineDbContext db, UnitOfWork work, MediaStore store, EventAnnouncer events, TimeProvider time)
{
    public async Task RecordAsync(Crawl crawl, CrawlFrontier frontier, IReadOnlyList<CrawlOutcome> outcomes, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);

        // Blobs first, while nothing else is tracked.
        await store.PublishAsync([.. outcomes.SelectMany(o => o.Blobs)], ct);

        var found = outcomes.SelectMany(o => o.AllMedia.Select(m => (Url: o.Target, Media: m))).ToList();
        var shas = found.Select(f => f.Media.Hashes.Hashes.Sha256).Distinct().ToList();
        var urlIds = found.Select(f => f.Url.Id).Distinct().ToList();
        var knownItems = (await db.Set<MediaItem>().Where(m => shas.Contains(m.Sha256)).Select(m => m.Sha256).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var knownOccurrences = (await db.Set<MediaOccurrence>()
            .Where(o => o.CrawlId == crawl.Id && urlIds.Contains(o.CrawledUrlId))
            .Select(o => new { o.CrawledUrlId, o.MediaSha256 })
            .ToListAsync(ct))
            .Select(o => (o.CrawledUrlId, o.MediaSha256))
            .ToHashSet();

        var now = time.GetUtcNow();
        var newItems = new List<string>();
        db.Attach(crawl);
        foreach (var outcome in outcomes)
        {
            var url = outcome.Target;
            db.Attach(url);
            Describe(url, outcome);
            foreach (var media in outcome.AllMedia)
            {
                var sha256 = media.Hashes.Hashes.Sha256;
                if (knownItems.Add(sha256))
                {
                    db.Add(NewItem(media, now));
                    newItems.Add(sha256);
                }

                if (knownOccurrences.Add((url.Id, sha256)))
                {
                    db.Add(new MediaOccurrence
                    {
                        OrganisationId = url.OrganisationId,
                        ReportId = url.ReportId,
                        CrawlId = url.CrawlId,
                        CrawledUrlId = url.Id,
                        MediaSha256 = sha256,
                        FoundIn = Clip(media.FoundIn, 100),
                        FoundAt = now,
                    });
                }
            }

            db.AddRange(frontier.Admit(url, outcome.Links));
            crawl.LimitReason ??= outcome.LinksTruncated;
        }

        crawl.LimitReason ??= frontier.LimitReason;
        if (newItems.Count > 0)
        {
            await events.AnnounceAsync(new MediaStored(newItems), ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        // Nothing stays tracked between batches: change detection then costs a batch, not the whole crawl.
        db.ChangeTracker.Clear();
    }

    /// <summary>The URL's outcome, evidence addresses and hosting.</summary>
    private static void Describe(CrawledUrl url, CrawlOutcome outcome)
    {
        var fetch = outcome.Fetch;
        url.State = outcome.Error is null ? UrlFetchState.Fetched : UrlFetchState.Failed;
        url.Content = outcome.Content;
        url.Error = Clip(outcome.Error, 1000);
        url.StatusCode = fetch.StatusCode;
        url.FinalUrl = fetch.FinalUrl.AbsoluteUri.Length <= Reports.ReportLimits.MaxUrlLength ? fetch.FinalUrl.AbsoluteUri : null;
        url.ContentType = Clip(fetch.ContentType, 200);
        url.FetchedAt = fetch.CompletedAt;
        url.ServerAddress = fetch.ServerAddress?.ToString();
        url.EvidenceSha256 = outcome.Evidence.Sha256;
        url.BodySha256 = outcome.Body?.Sha256;
        url.MediaSha256 = outcome.Media?.Hashes.Hashes.Sha256;
        if (outcome.Hosting is { } hosting)
        {
            url.CountryCode = hosting.CountryCode;
            url.Asn = hosting.Asn;
            url.NetworkOrganisation = Clip(hosting.NetworkOrganisation, 200);
            url.IsCdn = hosting.IsCdn;
            url.ReverseDns = Clip(hosting.ReverseDns, 255);
        }
    }

    private static MediaItem NewItem(FoundMedia media, DateTimeOffset now)
    {
        var result = media.Hashes;
        return new MediaItem
        {
            Sha256 = result.Hashes.Sha256,
            Md5 = result.Hashes.Md5,
            Sha1 = result.Hashes.Sha1,
            Pdq = result.Pdq?.Hash.ToString(),
            PdqQuality = result.Pdq?.Quality,
            PdqDihedral = result.Dihedral is { } dihedral ? string.Concat(dihedral.All.Skip(1).Select(h => h.ToString())) : null,
            Format = media.Format,
            Width = result.Image?.Width,
            Height = result.Image?.Height,
            ByteLength = result.Length,
            DecodeError = Clip(result.Error is { } error ? $"{error.Code}: {error.Message}" : null, 1000),
            FirstSeenAt = now,
        };
    }

    private static string? Clip(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;
}
