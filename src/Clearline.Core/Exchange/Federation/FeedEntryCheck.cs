namespace Clearline.Exchange.Federation;

/// <summary>What a feed entry must be before it becomes a hash-list entry: lower-case hex hashes of the right lengths, a known verdict.</summary>
internal static class FeedEntryCheck
{
    /// <summary>What is wrong with <paramref name="entry"/>, as the end of a sentence, or null when nothing is.</summary>
    public static string? Problem(FeedEntry entry)
    {
        if (entry.Sha256 is null && entry.Md5 is null && entry.Sha1 is null && entry.Pdq is null)
        {
            return "has no hash";
        }

        return Hex(entry.Sha256, 64, "sha256") ?? Hex(entry.Md5, 32, "md5") ?? Hex(entry.Sha1, 40, "sha1") ?? Hex(entry.Pdq, 64, "pdq")
            ?? (entry.PdqQuality is < 0 or > 100 ? "has a pdqQuality outside 0–100" : null)
            ?? (!Enum.IsDefined(entry.Verdict) ? "has no known verdict" : null)
            ?? (entry.Jurisdiction is { Length: not 2 } ? "has a jurisdiction that is not a two-letter country code" : null)
            ?? (entry.Flags is null ? "has no flags list" : null);
    }

    private static string? Hex(string? value, int length, string name) =>
        value is null || (value.Length == length && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            ? null
            : $"has a {name} that is not {length} lower-case hex digits";
}
