using Clearline.Classification;
using Clearline.Media.Previews;
using Clearline.MediaItems;
using Clearline.Storage;
using Microsoft.Extensions.Logging;

namespace Clearline.Previews;

/// <summary>
/// Blurred previews of the items a hotline assesses, rendered on first request from the stored original (the
/// blurred and the greyscale-blurred one together, with <see cref="Media.Previews.PreviewOptions.Default"/>; a
/// video's from its <see cref="VideoContactSheet"/>), stored encrypted and recorded (<see cref="MediaPreview"/>);
/// every later request reads the stored preview.
/// </summary>
/// <remarks>
/// Only blurred renderings ever leave here, and only for items the hotline found or was routed
/// (<see cref="FoundItems"/>); others answer 404. Rendering lazily keeps crawls fast and renders only what an
/// analyst looks at. Two first requests at once both render; the content-addressed store and the row's key keep one.
/// </remarks>
public sealed class MediaPreviews(
    ClearlineDbContext db, MediaStore store, FoundItems found, VideoContactSheet contactSheet, TimeProvider time, ILogger<MediaPreviews> logger)
{
    private static readonly MediaHasher _renderer = new(new MediaHashOptions { Previews = PreviewOptions.Default });

    public async Task<Result<PreviewContent>> GetAsync(Assessor assessor, string mediaSha256, PreviewKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        if (!await found.ContainsAsync(assessor, mediaSha256, ct))
        {
            return new NotFoundError("No such item, or not one your hotline found.");
        }

        return await ReadAsync(mediaSha256, kind, ct);
    }

    /// <summary>The stored (or now rendered) preview of an item the caller was established to see by its own feature's rule.</summary>
    /// <remarks>Used by the law-enforcement portals, whose visibility rule is <c>PortalAccess</c>, not <see cref="FoundItems"/>.</remarks>
    public async Task<Result<PreviewContent>> ReadAsync(string mediaSha256, PreviewKind kind, CancellationToken ct)
    {
        var preview = await db.Set<MediaPreview>().AsNoTracking().FirstOrDefaultAsync(p => p.MediaSha256 == mediaSha256 && p.Kind == kind, ct);
        if (preview is null)
        {
            var item = await db.Set<MediaItem>().AsNoTracking().FirstAsync(m => m.Sha256 == mediaSha256, ct);
            preview = await RenderAsync(item, kind, ct);
            if (preview is null)
            {
                return item.IsVideo ? PreviewPlaceholder.Video() : PreviewPlaceholder.Undecodable();
            }
        }

        return await store.OpenReadAsync(preview.BlobSha256, ct) is BlobReadResult.Ok ok
            ? new PreviewContent(ok.Content, preview.ContentType, IsPlaceholder: false)
            : PreviewPlaceholder.Undecodable();
    }

    /// <summary>Renders, stores and records both previews of an item; returns the one asked for, or null when it does not decode.</summary>
    private async Task<MediaPreview?> RenderAsync(MediaItem item, PreviewKind kind, CancellationToken ct)
    {
        var rendered = item.IsVideo
            ? await contactSheet.RenderAsync(item.Format, token => OpenOriginalAsync(item.Sha256, token), ct)
            : await RenderImageAsync(item.Sha256, ct);
        if (rendered is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var previews = new List<MediaPreview>();
        foreach (var (renderedKind, bytes) in new[] { (PreviewKind.GreyBlurred, rendered.GreyBlurred), (PreviewKind.Blurred, rendered.Blurred) })
        {
            using var content = new MemoryStream(bytes, writable: false);
            var blob = await store.PutAsync(content, ct);
            previews.Add(new MediaPreview
            {
                MediaSha256 = item.Sha256,
                Kind = renderedKind,
                BlobSha256 = blob.Sha256,
                ContentType = rendered.ContentType,
                Width = rendered.Width,
                Height = rendered.Height,
                CreatedAt = now,
            });
        }

        db.AddRange(previews);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request recorded them first; theirs are the same renderings.
            logger.LogInformation("A preview was recorded by a concurrent request");
        }
        finally
        {
            foreach (var preview in previews)
            {
                db.Entry(preview).State = EntityState.Detached;
            }
        }

        return previews.Single(p => p.Kind == kind);
    }

    private async Task<ImagePreviews?> RenderImageAsync(string mediaSha256, CancellationToken ct)
    {
        await using var original = await OpenOriginalAsync(mediaSha256, ct);
        return original is null ? null : (await _renderer.HashAsync(original, ct)).Previews;
    }

    private async Task<Stream?> OpenOriginalAsync(string mediaSha256, CancellationToken ct)
    {
        if (await store.OpenReadAsync(mediaSha256, ct) is BlobReadResult.Ok original)
        {
            return original.Content;
        }

        logger.LogWarning("A media item's original could not be read to render its preview");
        return null;
    }
}
