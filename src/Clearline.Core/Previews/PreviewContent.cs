namespace Clearline.Previews;

/// <summary>A preview's bytes to send; the caller disposes <see cref="Content"/>.</summary>
/// <remarks>
/// <c>IsPlaceholder</c>: a neutral placeholder instead of a rendering, because the item is a video (frames are not
/// extracted yet) or could not be decoded.
/// </remarks>
public sealed record PreviewContent(Stream Content, string ContentType, bool IsPlaceholder);

/// <summary>An item's original bytes, revealed to one analyst; the caller disposes <see cref="Content"/>.</summary>
public sealed record RevealedContent(Stream Content, long Length, string ContentType);
