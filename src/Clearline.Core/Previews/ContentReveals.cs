using Clearline.Classification;
using Clearline.Storage;

namespace Clearline.Previews;

/// <summary>
/// An analyst reveals one item: its original bytes, unblurred. Every reveal is audited (who, for which
/// organisation, which item) and counted in the analyst's wellbeing counters, before any byte is sent.
/// </summary>
/// <remarks>
/// Only items the analyst's hotline found or was routed (<see cref="FoundItems"/>); others answer 404. Which
/// people may reveal at all (the ViewContent permission, the media:read scope) is decided by the caller's policy.
/// </remarks>
public sealed class ContentReveals(MediaStore store, FoundItems found, AuditTrail audit, Wellbeing wellbeing)
{
    public async Task<Result<RevealedContent>> RevealAsync(Assessor assessor, string mediaSha256, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        if (!await found.ContainsAsync(assessor, mediaSha256, ct))
        {
            return new NotFoundError("No such item, or not one your hotline found.");
        }

        return await RevealSeenAsync(assessor.Actor, assessor.OrganisationId, assessor.AnalystId, mediaSha256, clientIp, ct);
    }

    /// <summary>
    /// Reveals an item the caller was established to see by its own feature's rule (the law-enforcement portals'
    /// <c>PortalAccess</c>): audited and counted for <paramref name="principalId"/> exactly like an analyst's reveal.
    /// </summary>
    public async Task<Result<RevealedContent>> RevealSeenAsync(
        AuditActor actor, Guid organisationId, Guid principalId, string mediaSha256, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var format = await found.FormatAsync(mediaSha256, ct);
        var read = await store.OpenReadAsync(mediaSha256, ct);
        if (read is BlobReadResult.Shredded shredded)
        {
            return new ContentDeletedError(shredded.At, shredded.Reason);
        }

        if (read is not BlobReadResult.Ok ok)
        {
            return new NotFoundError("The item's content is not available.");
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.ContentViewed, actor, organisationId, Target: $"blob:{mediaSha256}", ClientIp: clientIp), ct);
        await wellbeing.CountRevealAsync(principalId, ct);
        return new RevealedContent(ok.Content, ok.Length, ContentType(format));
    }

    public static string ContentType(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "image/jpeg",
        MediaFormat.Png => "image/png",
        MediaFormat.Gif => "image/gif",
        MediaFormat.WebP => "image/webp",
        MediaFormat.Bmp => "image/bmp",
        MediaFormat.Mp4 => "video/mp4",
        MediaFormat.QuickTime => "video/quicktime",
        MediaFormat.WebM => "video/webm",
        MediaFormat.Matroska => "video/x-matroska",
        MediaFormat.Avi => "video/x-msvideo",
        MediaFormat.Flv => "video/x-flv",
        MediaFormat.Asf => "video/x-ms-asf",
        MediaFormat.ThreeGpp => "video/3gpp",
        _ => "application/octet-stream",
    };
}
