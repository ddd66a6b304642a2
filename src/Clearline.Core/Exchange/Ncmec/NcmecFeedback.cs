using System.Security.Cryptography;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Matching;

namespace Clearline.Exchange.Ncmec;

/// <summary>The durable job that sends one negative feedback to NCMEC.</summary>
public sealed record NcmecFeedbackJob(Guid SourceId, long KnownHashId, string FingerprintType, Guid MatchId)
{
    public const string Kind = "ncmec-feedback";
}

/// <summary>
/// Turns an analyst's "wrong match" on an entry pulled from NCMEC into a queued negative feedback, when the list's
/// operator enabled feedback. Queued in the review's unit of work, so a recorded review is never without it.
/// </summary>
/// <remarks>
/// Only reviews by the list's own organisation are sent: the feedback goes out under its NCMEC account, so another
/// organisation that uses the list (its marks still count in the list's false-match rate) never speaks for it.
/// Only the fingerprint that matched is named (MD5, SHA-1, PhotoDNA or PDQ); a SHA-256 or vPDQ match has no NCMEC twin.
/// </remarks>
internal sealed class NcmecFeedbackObserver(ClearlineDbContext db, JobQueue jobs) : IEventObserver<MatchReviewed>
{
    public async Task OnAsync(MatchReviewed happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        if (happened.Review != MatchReview.Wrong || happened.Previous == MatchReview.Wrong || FingerprintType(happened.Hash) is not { } type)
        {
            return;
        }

        var source = await db.Set<NcmecSource>().AsNoTracking()
            .Where(s => s.HashListId == happened.HashListId && s.OrganisationId == happened.ReviewerOrganisationId && s.FeedbackEnabled)
            .Select(s => new { s.Id, s.OrganisationId })
            .FirstOrDefaultAsync(ct);
        var key = await db.Set<KnownHash>().AsNoTracking().Where(h => h.Id == happened.KnownHashId).Select(h => h.SourceId).FirstOrDefaultAsync(ct);
        if (source is null || !NcmecEntryKey.TryParse(key, out _, out _, out _))
        {
            return;
        }

        jobs.Enqueue(NcmecFeedbackJob.Kind, new NcmecFeedbackJob(source.Id, happened.KnownHashId, type, happened.MatchId), source.OrganisationId);
    }

    public static string? FingerprintType(MatchedHash hash) => hash switch
    {
        MatchedHash.Md5 => "MD5",
        MatchedHash.Sha1 => "SHA1",
        MatchedHash.PhotoDna => "PDNA",
        MatchedHash.Pdq => "PDQ",
        _ => null,
    };
}

/// <summary>Sends one negative feedback; a failure is kept on the source and the job is retried with backoff.</summary>
internal sealed class NcmecFeedbackJobHandler(
    ClearlineDbContext db, UnitOfWork work, NcmecClient client, NcmecCredentialVault vault, AuditTrail audit) : IJobHandler<NcmecFeedbackJob>
{
    public async Task HandleAsync(NcmecFeedbackJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var ct = cancellationToken;
        var source = await db.Set<NcmecSource>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == payload.SourceId, ct);
        if (source is null || !source.FeedbackEnabled)
        {
            return;
        }

        var key = await db.Set<KnownHash>().AsNoTracking().Where(h => h.Id == payload.KnownHashId).Select(h => h.SourceId).FirstOrDefaultAsync(ct);
        if (!NcmecEntryKey.TryParse(key, out _, out var memberId, out var entryId))
        {
            throw new PermanentJobFailureException($"Hash {payload.KnownHashId} is not an NCMEC entry.");
        }

        string? error = null;
        try
        {
            var credentials = vault.Open(source);
            var baseUrl = source.BaseUrl is { } configured ? new Uri(configured) : NcmecEnvironments.BaseUrl(source.Environment, source.UseTestEnvironment);
            var reason = source.FeedbackReason ?? await OnlyReasonAsync(baseUrl, credentials, payload.FingerprintType, ct);
            await client.SubmitNegativeFeedbackAsync(baseUrl, credentials, memberId, entryId, payload.FingerprintType, reason, ct);
        }
        catch (NcmecFailure failure)
        {
            error = failure.Message;
        }
        catch (CryptographicException)
        {
            error = "The stored credentials cannot be opened (the key that sealed them is no longer configured); enter them again.";
        }

        await using (var transaction = await work.BeginAsync(ct))
        {
            var row = db.Set<NcmecSource>().Where(s => s.Id == source.Id);
            if (error is null)
            {
                await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.FeedbackSent, x => x.FeedbackSent + 1), ct);
            }
            else
            {
                var kept = error.Length > 1000 ? error[..1000] : error;
                await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastFeedbackError, kept), ct);
            }
            await audit.AppendAsync(new AuditEvent(error is null ? AuditAction.NcmecFeedbackSent : AuditAction.NcmecFeedbackFailed, AuditActor.System,
                source.OrganisationId, $"match:{payload.MatchId:D}", Detail: $"source={source.Id:D} fingerprint={payload.FingerprintType}"), ct);
            await transaction.CommitAsync(ct);
        }

        if (error is not null)
        {
            throw new InvalidOperationException($"Negative feedback to NCMEC failed: {error}");
        }
    }

    private async Task<string> OnlyReasonAsync(Uri baseUrl, NcmecCredentials credentials, string fingerprintType, CancellationToken ct)
    {
        var reasons = await client.FeedbackReasonsAsync(baseUrl, credentials, fingerprintType, ct);
        return reasons.Count == 1
            ? reasons[0].Guid
            : throw new NcmecFailure(reasons.Count == 0
                ? $"NCMEC offers no negative-feedback reason for {fingerprintType}."
                : $"NCMEC offers {reasons.Count} negative-feedback reasons for {fingerprintType} ({string.Join(", ", reasons.Select(r => $"{r.Guid} {r.Name}"))}); choose one as the source's feedback reason.");
    }
}
