namespace Clearline.Previews;

/// <summary>A preview's bytes to send; the caller disposes <see cref="Content"/>.</summary>
/// <remarks>
/// <c>IsPlaceholder</c>: a neutral placeholder instead of a rendering, because the item could not be decoded (for a
/// video: ffmpeg is missing or failed). A video's contact sheet is a rendering, not a placeholder.
/// </remarks>
public sealed record PreviewContent(Stream Content, string ContentType, bool IsPlaceholder);

/// <summary>An item's original bytes, revealed to one analyst; the caller disposes <see cref="Content"/>.</summary>
public sealed record RevealedContent(Stream Content, long Length, string ContentType);
