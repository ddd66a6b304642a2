namespace Clearline.Pages.Portal;

/// <summary>One item as the portals show it: a blurred greyscale preview, a few facts, and a Reveal button when allowed.</summary>
/// <param name="Sha256">The item's SHA-256 (lower-case hex).</param>
/// <param name="Facts">Label and value pairs shown under the preview (decision, hosting country, found at…).</param>
/// <param name="CanReveal">Whether the person's role may reveal originals (<see cref="Permission.ViewContent"/>).</param>
public sealed record PortalItemView(string Sha256, IReadOnlyList<(string Label, string Value)> Facts, bool CanReveal)
{
    public string ShortSha => Sha256[..12];
}
