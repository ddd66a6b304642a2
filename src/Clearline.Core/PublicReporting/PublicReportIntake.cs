using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using Clearline.Crawling;
using Clearline.Crawling.Fetching;
using Clearline.Reports;
using Microsoft.Extensions.Options;

namespace Clearline.PublicReporting;

/// <summary>What the reporter is told: the reference to the status page, and for each URL whether the network already had it.</summary>
public sealed record ReceivedPublicReport(string Reference, IReadOnlyList<ReceivedPublicUrl> Urls);

public sealed record ReceivedPublicUrl(string Url, bool AlreadyKnown);

/// <summary>
/// Takes a public report: checks it, stores it with its URLs, and makes each URL a report pending triage through
/// <see cref="ReportIntake"/>, so that it is de-duplicated against the network (a known URL is linked to its first
/// report and not crawled again), crawled and matched with the same crawler and limits before an analyst looks.
/// </summary>
/// <remarks>
/// One transaction: a report is stored whole or not at all. The audit records the report and the channel, never
/// the reporter's address (it is never given to Core). A URL on a private or local network is refused with a
/// clear message; one whose host does not resolve is taken (sites go offline; triage says so).
/// </remarks>
public sealed class PublicReportIntake(
    ClearlineDbContext db, UnitOfWork work, ReportIntake reports, PublicContact contact, AuditTrail audit, IHostResolver resolver,
    IOptions<CrawlerOptions> crawler, TimeProvider time)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>How long a URL's host may take to resolve for the private-address check before it is taken as it is.</summary>
    private static readonly TimeSpan ResolveBudget = TimeSpan.FromSeconds(3);

    public async Task<Result<ReceivedPublicReport>> SubmitAsync(
        Guid organisationId, PublicReportSubmission submission, PublicReportChannel channel, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (Validate(submission) is { } invalid)
        {
            return invalid;
        }

        var urls = Distinct(submission.Urls!);
        for (var i = 0; i < urls.Count; i++)
        {
            if (await IsPrivateAsync(new Uri(urls[i], UriKind.Absolute), ct))
            {
                return new InvalidError($"urls[{i}]", "points to a private or local network address; report the public web address where you saw it.");
            }
        }

        var now = time.GetUtcNow();
        var report = new PublicReport
        {
            OrganisationId = organisationId,
            Reference = NewReference(),
            Channel = channel,
            Language = Language(submission.Language),
            WhatSeen = Blank(submission.WhatSeen),
            WhereFound = Blank(submission.WhereFound),
            WantsFeedback = submission.WantsFeedback,
            CreatedAt = now,
        };
        if (Blank(submission.ContactEmail) is { } email)
        {
            contact.Seal(report, email);
        }

        await using var transaction = await work.BeginAsync(ct);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        var received = new List<ReceivedPublicUrl>(urls.Count);
        for (var position = 0; position < urls.Count; position++)
        {
            var submitted = await reports.SubmitAsync(organisationId, actor,
                new ReportSubmission(urls[position], ReceivedAt: now, Triage: ReportTriage.Pending), idempotencyKey: null, ct);
            if (!submitted.IsSuccess)
            {
                // The URL passed the same checks above; a refusal here is a rule of ReportIntake's that this one lacks.
                await transaction.RollbackAsync(ct);
                return submitted.Error is InvalidError bad ? new InvalidError($"urls[{position}]", bad.Message) : submitted.Error;
            }

            db.Add(new PublicReportUrl { OrganisationId = organisationId, PublicReportId = report.Id, Position = position, ReportId = submitted.Value.Report.Id });
            await db.SaveChangesAsync(ct);
            received.Add(new ReceivedPublicUrl(urls[position], submitted.Value.DuplicateOf is not null));
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.PublicReportReceived, actor, organisationId, "public-report:" + report.Id.ToString("D"),
            Detail: string.Create(CultureInfo.InvariantCulture, $"channel={channel} urls={urls.Count} contact={report.HasContact}")), ct);
        await transaction.CommitAsync(ct);
        return new ReceivedPublicReport(report.Reference, received);
    }

    private static InvalidError? Validate(PublicReportSubmission submission)
    {
        var urls = submission.Urls?.Where(u => !string.IsNullOrWhiteSpace(u)).ToList() ?? [];
        if (urls.Count == 0)
        {
            return new InvalidError("urls", "give at least one web address.");
        }

        if (urls.Count > PublicReportLimits.MaxUrls)
        {
            return new InvalidError("urls", $"give at most {PublicReportLimits.MaxUrls} web addresses in one report.");
        }

        for (var i = 0; i < submission.Urls!.Count; i++)
        {
            var url = submission.Urls[i]?.Trim();
            if (string.IsNullOrEmpty(url))
            {
                continue;
            }

            if (url.Length > ReportLimits.MaxUrlLength)
            {
                return new InvalidError($"urls[{i}]", $"must be at most {ReportLimits.MaxUrlLength} characters.");
            }

            if (ReportValues.HasControlCharacters(url)
                || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
            {
                return new InvalidError($"urls[{i}]", "must be a web address starting with http:// or https://.");
            }
        }

        if (submission.WhatSeen is { Length: > PublicReportLimits.MaxWhatSeenLength })
        {
            return new InvalidError("whatSeen", $"must be at most {PublicReportLimits.MaxWhatSeenLength} characters.");
        }

        if (submission.WhereFound is { Length: > PublicReportLimits.MaxWhereFoundLength })
        {
            return new InvalidError("whereFound", $"must be at most {PublicReportLimits.MaxWhereFoundLength} characters.");
        }

        var email = Blank(submission.ContactEmail);
        if (email is not null)
        {
            if (email.Length > PublicReportLimits.MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email)
            {
                return new InvalidError("contactEmail", "must be an e-mail address such as name@example.org.");
            }

            if (!submission.ContactConsent)
            {
                return new InvalidError("contactConsent", "must be given for the hotline to keep your e-mail address; or leave the address out.");
            }
        }

        if (submission.WantsFeedback && email is null)
        {
            return new InvalidError("contactEmail", "is needed to send you feedback.");
        }

        return null;
    }

    /// <summary>The URLs, trimmed, without blanks and without repeats of the same normalised URL.</summary>
    private static List<string> Distinct(IReadOnlyList<string> urls)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<string>();
        foreach (var url in urls.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()))
        {
            if (seen.Add(Crawling.Extraction.CrawlUrl.Normalise(new Uri(url, UriKind.Absolute)).AbsoluteUri))
            {
                distinct.Add(url);
            }
        }

        return distinct;
    }

    /// <summary>Whether the URL's host is, or resolves to, a special-purpose address the crawler would refuse.</summary>
    private async Task<bool> IsPrivateAsync(Uri url, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ResolveBudget);
        try
        {
            var decision = await new AddressGuard(crawler.Value.ParsedAllowedNetworks(), resolver).VetAsync(url, budget.Token);
            return decision.Error is { Kind: FetchErrorKind.Refused };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Language(string? language)
    {
        var name = language?.Trim();
        return string.IsNullOrEmpty(name) || name.Length > 20 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? "en" : name;
    }

    private static string NewReference()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Span<char> reference = stackalloc char[PublicReportLimits.ReferenceLength];
        for (int i = 0, r = 0; i < reference.Length; i++)
        {
            reference[i] = i % 5 == 4 ? '-' : Alphabet[random[r++] & 31];
        }

        return new string(reference);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
