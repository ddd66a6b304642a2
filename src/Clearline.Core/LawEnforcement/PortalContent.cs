using Clearline.Previews;

namespace Clearline.LawEnforcement;

/// <summary>
/// The portals' content, on the analysts' exposure rules: blurred (greyscale by default) previews, and originals only
/// on an explicit reveal, audited and counted before a byte is sent. Only items of <see cref="PortalAccess"/>.
/// </summary>
public sealed class PortalContent(PortalAccess access, MediaPreviews previews, ContentReveals reveals)
{
    public async Task<Result<PreviewContent>> PreviewAsync(Officer officer, string mediaSha256, PreviewKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return await access.ContainsAsync(officer, mediaSha256, ct)
            ? await previews.ReadAsync(mediaSha256, kind, ct)
            : new NotFoundError("No such item, or not one your organisation may see.");
    }

    public async Task<Result<RevealedContent>> RevealAsync(Officer officer, string mediaSha256, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return await access.ContainsAsync(officer, mediaSha256, ct)
            ? await reveals.RevealSeenAsync(officer.Actor, officer.OrganisationId, officer.PrincipalId, mediaSha256, clientIp, ct)
            : new NotFoundError("No such item, or not one your organisation may see.");
    }
}
