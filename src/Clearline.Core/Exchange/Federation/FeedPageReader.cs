using System.Text.Json;
using Clearline.Evidence;

namespace Clearline.Exchange.Federation;

/// <summary>
/// Reads a fetched page as a subscriber must: the signature over the page's exact bytes verifies under the pinned
/// key, the page names that key, and it is the page that was asked for (the cursor), so an altered, foreign or
/// replayed page is refused before anything of it is used.
/// </summary>
public static class FeedPageReader
{
    /// <summary>How every refusal's message begins (a page that arrived but is not to be trusted).</summary>
    public const string RefusalPrefix = "Refused: ";

    /// <summary>The page, or a <see cref="FeedException"/> saying why it is refused.</summary>
    /// <param name="body">The endpoint's answer, as received.</param>
    /// <param name="publicKeyPem">The pinned public key.</param>
    /// <param name="fingerprint">The pinned key's fingerprint.</param>
    /// <param name="asked">The cursor the page was asked for.</param>
    public static FeedPage Read(byte[] body, string publicKeyPem, string fingerprint, FeedCursor asked)
    {
        SignedFeedPage? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<SignedFeedPage>(body, FeedFormat.Json);
        }
        catch (JsonException ex)
        {
            throw new FeedException($"Refused: the answer is not a signed feed page ({ex.Message}).", ex);
        }

        if (envelope is null || envelope.Format != FeedFormat.Name || envelope.Page is null || envelope.Signature is null)
        {
            throw new FeedException($"Refused: the answer is not a signed {FeedFormat.Name} page.");
        }

        byte[] bytes;
        byte[] signature;
        try
        {
            bytes = Convert.FromBase64String(envelope.Page);
            signature = Convert.FromBase64String(envelope.Signature);
        }
        catch (FormatException ex)
        {
            throw new FeedException("Refused: the page or its signature is not base64.", ex);
        }

        if (!InstanceSigningKey.Verify(publicKeyPem, bytes, signature))
        {
            throw new FeedException($"Refused: the page's signature does not verify under the pinned key {InstanceSigningKey.IdOf(fingerprint)} (altered in transit, or signed by another key).");
        }

        FeedPage? page;
        try
        {
            page = JsonSerializer.Deserialize<FeedPage>(bytes, FeedFormat.Json);
        }
        catch (JsonException ex)
        {
            throw new FeedException($"Refused: the signed page does not read as {FeedFormat.Name} ({ex.Message}).", ex);
        }

        return Check(page, fingerprint, asked);
    }

    private static FeedPage Check(FeedPage? page, string fingerprint, FeedCursor asked)
    {
        if (page is null || page.Format != FeedFormat.Name || page.Entries is null || page.Withdrawals is null)
        {
            throw new FeedException($"Refused: the signed page is not a {FeedFormat.Name} page.");
        }

        if (!string.Equals(page.Publisher, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedException("Refused: the page names another publisher key than the pinned one.");
        }

        if (!FeedCursor.TryParse(page.Cursor, out var cursor) || cursor != asked)
        {
            throw new FeedException($"Refused: the page was made for cursor '{page.Cursor}', not the '{asked}' asked for (a replayed page).");
        }

        if (!FeedCursor.TryParse(page.Next, out var next) || !asked.IsAtOrBefore(next))
        {
            throw new FeedException($"Refused: the page's next cursor '{page.Next}' goes back.");
        }

        foreach (var entry in page.Entries)
        {
            if (entry.Id <= asked.Entry || entry.Id > next.Entry)
            {
                throw new FeedException($"Refused: entry {entry.Id} lies outside the page's cursors.");
            }

            if (FeedEntryCheck.Problem(entry) is { } problem)
            {
                throw new FeedException($"Refused: entry {entry.Id} {problem}.");
            }
        }

        return page;
    }
}
