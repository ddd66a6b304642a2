using System.Security.Cryptography;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Crawling.Extraction;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Results;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Reports;

/// <summary>A stored report and whether this submission was a retry of an earlier one.</summary>
public sealed record SubmittedReport(Report Report, bool Replayed);

/// <summary>
/// Accepts a report: validates it, stores it with its crawl and the crawl's job in one transaction (a report is
/// never accepted without its crawl), and audits it.
/// </summary>
public sealed class ReportIntake(ClearlineDbContext db, JobQueue jobs, AuditTrail audit, TimeProvider time)
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

        var url = new Uri(submission.Url!.Trim(), UriKind.Absolute);
        var fingerprint = Fingerprint(submission);
        if (idempotencyKey is not null && await FindReplayAsync(organisationId, idempotencyKey, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        var now = time.GetUtcNow();
        var normalised = CrawlUrl.Normalise(url).AbsoluteUri;
        var report = new Report
        {
            OrganisationId = organisationId,
            Url = submission.Url!.Trim(),
            NormalisedUrl = normalised,
            ReceivedAt = submission.ReceivedAt ?? now,
            CreatedAt = now,
            HotlineReference = Blank(submission.HotlineReference),
            SiteType = submission.SiteType,
            Commerciality = submission.Commerciality,
            PaymentMethods = submission.PaymentMethods,
            Referrer = Blank(submission.Referrer),
            Memo = Blank(submission.Memo),
            IdempotencyKey = idempotencyKey,
            RequestFingerprint = fingerprint,
        };
        var crawl = new Crawl { OrganisationId = organisationId, ReportId = report.Id, CreatedAt = now };
        var seed = new CrawledUrl { OrganisationId = organisationId, CrawlId = crawl.Id, ReportId = report.Id, Url = normalised };
        crawl.JobId = jobs.Enqueue(CrawlJob.Kind, new CrawlJob(crawl.Id), organisationId).Id;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(report, crawl, seed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // Two retries raced: the other one stored the report; answer as its replay.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await FindReplayAsync(organisationId, idempotencyKey, fingerprint, ct)
                ?? throw new InvalidOperationException("A report with this idempotency key failed to store and cannot be found.");
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.ReportSubmitted, actor, organisationId, report.Id.ToString("D")), ct);
        await transaction.CommitAsync(ct);
        return new SubmittedReport(report, Replayed: false);
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
            ? new SubmittedReport(existing, Replayed: true)
            : new Conflict("This Idempotency-Key was already used for a different report.");
    }

    private Invalid? Validate(ReportSubmission submission, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(submission.Url))
        {
            return new Invalid("url", "is required.");
        }

        var url = submission.Url.Trim();
        if (url.Length > ReportLimits.MaxUrlLength)
        {
            return new Invalid("url", $"must be at most {ReportLimits.MaxUrlLength} characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            return new Invalid("url", "must be an absolute http:// or https:// URL.");
        }

        if (submission.ReceivedAt is { } received && received > time.GetUtcNow() + ClockSkew)
        {
            return new Invalid("receivedAt", "must not be in the future.");
        }

        if (submission.Referrer is { Length: > ReportLimits.MaxUrlLength })
        {
            return new Invalid("referrer", $"must be at most {ReportLimits.MaxUrlLength} characters.");
        }

        if (submission.HotlineReference is { Length: > ReportLimits.MaxReferenceLength })
        {
            return new Invalid("hotlineReference", $"must be at most {ReportLimits.MaxReferenceLength} characters.");
        }

        if (submission.Memo is { Length: > ReportLimits.MaxMemoLength })
        {
            return new Invalid("memo", $"must be at most {ReportLimits.MaxMemoLength} characters.");
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > ReportLimits.MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            return new Invalid("Idempotency-Key", $"must be 1 to {ReportLimits.MaxIdempotencyKeyLength} printable characters.");
        }

        return null;
    }

    private static string Fingerprint(ReportSubmission submission) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission)));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
