using System.Security.Cryptography;
using System.Text.Json;
using Clearline.Crawling;
using Clearline.Crawling.Extraction;
using Clearline.Jobs;
using Microsoft.Extensions.Options;

namespace Clearline.Reports;

/// <summary>A stored report, whether this submission was a retry of an earlier one, and the first report it duplicates.</summary>
public sealed record SubmittedReport(Report Report, bool Replayed, ReportOrigin? DuplicateOf = null);

/// <summary>
/// Accepts a report: validates it, de-duplicates it against the whole network, stores it (with its crawl and the
/// crawl's job when it is a first report) in one transaction, and audits it.
/// </summary>
/// <remarks>
/// <para>A URL the network already has (after <see cref="CrawlUrl.Normalise"/>; from any hotline, this one included)
/// is recorded as a duplicate linked to the first report, and starts no crawl: the first report's crawl already
/// fetched the same content and routes it to the hosting country's hotline, a second crawl would only load the
/// site again and double every item in the assessment queues. Fetching the URL again is a re-check's job.</para>
/// <para>Unless the network last crawled the URL more than <see cref="ReportOptions.RecrawlAfter"/> ago: then the
/// repeat is crawled again (new content may be there), still linked to the first report, and audited as
/// <see cref="AuditAction.ReportRecrawled"/>. Two repeats at the same moment may both crawl; that costs a fetch, never data.
/// A hotline's own report of a URL whose first report is a public report not inserted (<see cref="ReportTriage"/>) is
/// crawled too: that crawl's items reach no assessment queue until the public report is accepted, if ever.</para>
/// <para>The idempotency fingerprint leaves the credentials out, so that no hash of a password is stored.</para>
/// </remarks>
public sealed class ReportIntake(
    ClearlineDbContext db, UnitOfWork work, JobQueue jobs, AuditTrail audit, ReportOrigins origins, ReportCredentialVault vault,
    IOptions<ReportOptions> options, TimeProvider time)
{
    /// <summary>How far in the future a received-at time may be, for clocks that disagree a little.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<Result<SubmittedReport>> SubmitAsync(
        Guid organisationId, AuditActor actor, ReportSubmission submission, string? idempotencyKey, CancellationToken ct)
    {
        if (Validate(submission, idempotencyKey) is { } invalid)
        {
            return invalid;
        }

        var fingerprint = Fingerprint(submission);
        if (idempotencyKey is not null && await FindReplayAsync(organisationId, idempotencyKey, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        var result = await StoreAsync(organisationId, actor, submission, idempotencyKey, fingerprint, ct);
        if (result is not null)
        {
            return result.Value;
        }

        // Another submission of the same URL became the first report while this one was stored: this one is its duplicate.
        return await StoreAsync(organisationId, actor, submission, idempotencyKey, fingerprint, ct)
            ?? throw new InvalidOperationException("A report failed to store twice on the de-duplication index.");
    }

    /// <returns>Null when a concurrent first report of the same URL won the race, so the caller tries once more.</returns>
    private async Task<Result<SubmittedReport>?> StoreAsync(
        Guid organisationId, AuditActor actor, ReportSubmission submission, string? idempotencyKey, string fingerprint, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var url = submission.Url!.Trim();
        var normalised = CrawlUrl.Normalise(new Uri(url, UriKind.Absolute)).AbsoluteUri;
        var first = await origins.FirstOfAsync(Report.KeyOf(normalised), ct);
        var recrawl = first is not null && (await LastCrawledAsync(Report.KeyOf(normalised), ct) is { } last && now - last > options.Value.RecrawlAfter
            || submission.Triage == ReportTriage.None && await IsNotInsertedAsync(first.ReportId, ct));
        var credentials = submission.Credentials is { IsEmpty: false } given ? given : null;
        var report = new Report
        {
            OrganisationId = organisationId,
            Url = url,
            NormalisedUrl = normalised,
            DuplicateOfReportId = first?.ReportId,
            HasCredentials = credentials is not null,
            ReceivedAt = submission.ReceivedAt ?? now,
            CreatedAt = now,
            HotlineReference = Blank(submission.HotlineReference),
            SiteType = submission.SiteType,
            Commerciality = submission.Commerciality,
            PaymentMethods = submission.PaymentMethods,
            Referrer = Blank(submission.Referrer),
            Memo = Blank(submission.Memo),
            Triage = submission.Triage,
            IdempotencyKey = idempotencyKey,
            RequestFingerprint = fingerprint,
        };

        await using var transaction = await work.BeginAsync(ct);
        db.Add(report);
        if (credentials is not null)
        {
            db.Add(vault.Seal(report.Id, organisationId, credentials));
        }

        if (first is null || recrawl)
        {
            var crawl = new Crawl { OrganisationId = organisationId, ReportId = report.Id, CreatedAt = now };
            crawl.JobId = jobs.Enqueue(CrawlJob.Kind, new CrawlJob(crawl.Id), organisationId).Id;
            db.AddRange(crawl, new CrawledUrl { OrganisationId = organisationId, CrawlId = crawl.Id, ReportId = report.Id, Url = normalised });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (idempotencyKey is not null && await FindReplayAsync(organisationId, idempotencyKey, fingerprint, ct) is { } replay)
            {
                // Two retries raced: the other one stored the report; answer as its replay.
                return replay;
            }

            if (first is null && await origins.FirstOfAsync(report.UrlKey, ct) is not null)
            {
                return null;
            }

            throw;
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.ReportSubmitted, actor, organisationId, report.Id.ToString("D")), ct);
        if (recrawl)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.ReportRecrawled, actor, organisationId, report.Id.ToString("D"),
                Detail: "crawled again; first report " + first!.ReportId.ToString("D")), ct);
        }
        else if (first is not null)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.ReportLinkedAsDuplicate, actor, organisationId, report.Id.ToString("D"),
                Detail: "duplicate of " + first.ReportId.ToString("D")), ct);
        }

        await transaction.CommitAsync(ct);
        return new SubmittedReport(report, Replayed: false, first);
    }

    /// <summary>
    /// Whether a first report is a public report's URL not inserted (pending or closed in triage): its crawl's items
    /// reach no assessment queue, so a hotline's own report of the URL is crawled as its own, still linked to it.
    /// </summary>
    private Task<bool> IsNotInsertedAsync(Guid reportId, CancellationToken ct) =>
        db.Set<Report>().IgnoreQueryFilters().Where(r => r.Id == reportId).Where(ReportTriages.NotInserted).AnyAsync(ct);

    /// <summary>When the network last crawled the URL with this key (any hotline's report of it), or null.</summary>
    private Task<DateTimeOffset?> LastCrawledAsync(string urlKey, CancellationToken ct)
    {
        var reports = db.Set<Report>().IgnoreQueryFilters().Where(r => r.UrlKey == urlKey).Select(r => r.Id);
        return db.Set<Crawl>().IgnoreQueryFilters().Where(c => reports.Contains(c.ReportId))
            .OrderByDescending(c => c.CreatedAt).Select(c => (DateTimeOffset?)c.CreatedAt).FirstOrDefaultAsync(ct);
    }

    private async Task<Result<SubmittedReport>?> FindReplayAsync(Guid organisationId, string key, string fingerprint, CancellationToken ct)
    {
        var existing = await db.Set<Report>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.IdempotencyKey == key, ct);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestFingerprint == fingerprint
            ? new SubmittedReport(existing, Replayed: true, await origins.OfAsync(existing, ct))
            : new ConflictError("This Idempotency-Key was already used for a different report.");
    }

    private InvalidError? Validate(ReportSubmission submission, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(submission.Url))
        {
            return new InvalidError("url", "is required.");
        }

        var url = submission.Url.Trim();
        if (url.Length > ReportLimits.MaxUrlLength)
        {
            return new InvalidError("url", $"must be at most {ReportLimits.MaxUrlLength} characters.");
        }

        if (ReportValues.HasControlCharacters(url))
        {
            return new InvalidError("url", ReportValues.ControlCharacterMessage);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            return new InvalidError("url", "must be an absolute http:// or https:// URL.");
        }

        if (submission.ReceivedAt is { } received && received > time.GetUtcNow() + ClockSkew)
        {
            return new InvalidError("receivedAt", "must not be in the future.");
        }

        if (submission.Referrer is { Length: > ReportLimits.MaxUrlLength })
        {
            return new InvalidError("referrer", $"must be at most {ReportLimits.MaxUrlLength} characters.");
        }

        if (ReportValues.HasControlCharacters(submission.Referrer?.Trim()))
        {
            return new InvalidError("referrer", ReportValues.ControlCharacterMessage);
        }

        if (submission.HotlineReference is { Length: > ReportLimits.MaxReferenceLength })
        {
            return new InvalidError("hotlineReference", $"must be at most {ReportLimits.MaxReferenceLength} characters.");
        }

        if (submission.Memo is { Length: > ReportLimits.MaxMemoLength })
        {
            return new InvalidError("memo", $"must be at most {ReportLimits.MaxMemoLength} characters.");
        }

        if (submission.Credentials is { } credentials
            && new[] { credentials.Username, credentials.Password, credentials.Note }.Any(c => c is { Length: > ReportLimits.MaxCredentialLength }))
        {
            return new InvalidError("credentials", $"must each be at most {ReportLimits.MaxCredentialLength} characters.");
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > ReportLimits.MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            return new InvalidError("Idempotency-Key", $"must be 1 to {ReportLimits.MaxIdempotencyKeyLength} printable characters.");
        }

        return null;
    }

    private static string Fingerprint(ReportSubmission submission) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission with { Credentials = null })));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
