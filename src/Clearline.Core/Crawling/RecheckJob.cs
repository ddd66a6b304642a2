using Clearline.Crawling.Fetching;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Media.Pdq;
using Clearline.MediaItems;
using Clearline.Reports;
using Microsoft.Extensions.Options;

namespace Clearline.Crawling;

/// <summary>The durable job that performs one <see cref="Recheck"/>.</summary>
public sealed record RecheckJob(Guid RecheckId)
{
    public const string Kind = "recheck";
}

/// <summary>
/// Announced with the outcome of every re-check before it is saved, in the same unit of work, so what an observer
/// changes is saved with the outcome or not at all (the takedown workflow confirms removal this way).
/// </summary>
/// <param name="Recheck">The re-check with its outcome, tracked by the announcer's context.</param>
public sealed record RecheckCompleted(Recheck Recheck);

/// <summary>
/// Fetches the URL again and compares: the same SHA-256, or for images a PDQ within the match threshold, is
/// still there; other content has changed; removal-like failures in a row make it gone.
/// </summary>
public sealed class RecheckJobHandler(
    ClearlineDbContext db, UnitOfWork work, EventAnnouncer events, Fetcher fetcher, ReportLogins logins, MediaHasher hasher, IOptions<CrawlerOptions> options,
    TimeProvider time)
    : IJobHandler<RecheckJob>
{
    public async Task HandleAsync(RecheckJob payload, JobContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var recheck = await db.Set<Recheck>().FirstOrDefaultAsync(r => r.Id == payload.RecheckId, ct);
        if (recheck is null || recheck.Outcome != RecheckOutcome.Pending)
        {
            return;
        }

        var url = await db.Set<CrawledUrl>().AsNoTracking().FirstAsync(u => u.Id == recheck.CrawledUrlId, ct);
        var previous = await db.Set<Recheck>().AsNoTracking()
            .Where(r => r.CrawledUrlId == url.Id && r.Outcome != RecheckOutcome.Pending && r.Id != recheck.Id)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        var report = await db.Set<Report>().AsNoTracking().FirstAsync(r => r.Id == url.ReportId, ct);
        var login = await logins.ForAsync(report, ct);
        var fetch = await fetcher.FetchAsync(new Uri(url.Url), url.Content == UrlContent.Page ? FetchPurpose.Page : FetchPurpose.Media, login, ct);
        recheck.CheckedAt = time.GetUtcNow();
        recheck.StatusCode = fetch.StatusCode;
        if (fetch.Succeeded)
        {
            await CompareAsync(recheck, url, fetch.Body, ct);
        }
        else
        {
            recheck.Error = fetch.Error is { } error ? $"{error.Kind}: {error.Message}" : $"HTTP {fetch.StatusCode}";
            var removalLike = fetch.StatusCode is 404 or 410 || fetch.Error?.Kind is FetchErrorKind.DnsFailure or FetchErrorKind.ConnectionFailed;
            recheck.ConsecutiveFailures = (previous?.ConsecutiveFailures ?? 0) + (removalLike ? 1 : 0);
            recheck.Outcome = recheck.ConsecutiveFailures >= options.Value.GoneAfterFailures ? RecheckOutcome.Gone : RecheckOutcome.Unreachable;
        }

        if (recheck.Error is { Length: > 1000 })
        {
            recheck.Error = recheck.Error[..1000];
        }

        // The fetch ran outside the transaction; the outcome and what it causes commit together.
        await using var transaction = await work.BeginAsync(ct);
        await events.AnnounceAsync(new RecheckCompleted(recheck), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task CompareAsync(Recheck recheck, CrawledUrl url, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var now = hasher.Hash(body.Span);
        recheck.FoundSha256 = now.Hashes.Sha256;
        var before = url.MediaSha256 ?? url.BodySha256;
        if (before == now.Hashes.Sha256)
        {
            recheck.Outcome = RecheckOutcome.Present;
            return;
        }

        var item = url.MediaSha256 is null ? null : await db.Set<MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Sha256 == url.MediaSha256, ct);
        if (item?.Pdq is { } pdq && item.PdqQuality is { } quality && now.Pdq is { } current
            && PdqMatching.IsMatchable(quality) && current.IsMatchable && PdqHash.TryParse(pdq, out var found))
        {
            recheck.PdqDistance = found.DistanceTo(current.Hash);
            recheck.Outcome = recheck.PdqDistance <= PdqMatching.DefaultThreshold ? RecheckOutcome.Present : RecheckOutcome.Changed;
            return;
        }

        recheck.Outcome = RecheckOutcome.Changed;
    }
}
