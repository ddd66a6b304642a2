using System.Text.Json;
using System.Text.Json.Serialization;
using Clearline.Classification;

namespace Clearline.Exchange.Federation;

/// <summary>
/// One page of a Clearline instance's feed of its network's classifications, as signed: the entries and withdrawals
/// after <see cref="Cursor"/>, and <see cref="Next"/> to ask for the page after it. Hashes, verdicts and their
/// descriptors only: never a URL, a report, a reporter or content.
/// </summary>
/// <param name="Format">Always <see cref="FeedFormat.Name"/>.</param>
/// <param name="Publisher">The fingerprint of the key that signs the page, so a page signed for another feed is told apart.</param>
/// <param name="Cursor">The cursor the page was asked for; a reader refuses a page for another cursor (a replay).</param>
/// <param name="Next">The cursor after this page.</param>
/// <param name="HasMore">Whether more was waiting when the page was made.</param>
/// <param name="PublishedAt">When the page was made.</param>
/// <param name="Entries">Decisions in force, in entry id order.</param>
/// <param name="Withdrawals">Entries of earlier pages that no longer hold, in withdrawal order.</param>
public sealed record FeedPage(
    string Format,
    string Publisher,
    string Cursor,
    string Next,
    bool HasMore,
    DateTimeOffset PublishedAt,
    IReadOnlyList<FeedEntry> Entries,
    IReadOnlyList<FeedWithdrawal> Withdrawals);

/// <summary>One decision of the publisher's network: the item's hashes and what was decided about it.</summary>
/// <param name="Id">The publisher's entry id; unique and increasing within the feed.</param>
/// <param name="Sha256">Lower-case hex, like every hash here.</param>
/// <param name="Md5">The item's MD5.</param>
/// <param name="Sha1">The item's SHA-1.</param>
/// <param name="Pdq">The item's PDQ hash (64 hex digits), when it has one.</param>
/// <param name="PdqQuality">The PDQ quality (0–100).</param>
/// <param name="Vpdq">A video's vPDQ frames (<c>frameNumber,quality,hex,timestamp</c> lines), when it is a video.</param>
/// <param name="Verdict">Baseline, National or NotIllegal.</param>
/// <param name="Jurisdiction">The country (ISO 3166-1 alpha-2) whose law a National verdict is under; null otherwise.</param>
/// <param name="AgeGroup">The age group recorded with the decision.</param>
/// <param name="Gender">The gender recorded with the decision.</param>
/// <param name="Flags">Virtual, UserGenerated, ChildModelling, as recorded.</param>
/// <param name="ClassifiedAt">When the decision was taken.</param>
public sealed record FeedEntry(
    long Id,
    string? Sha256,
    string? Md5,
    string? Sha1,
    string? Pdq,
    int? PdqQuality,
    string? Vpdq,
    Verdict Verdict,
    string? Jurisdiction,
    AgeGroup AgeGroup,
    Gender Gender,
    IReadOnlyList<string> Flags,
    DateTimeOffset ClassifiedAt);

/// <summary>An entry of an earlier page that no longer holds (the decision was undone or superseded).</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="WithdrawnAt">When it was withdrawn.</param>
public sealed record FeedWithdrawal(long Id, DateTimeOffset WithdrawnAt);

/// <summary>
/// What the feed endpoint answers: the page's exact bytes (base64) and the signature over them, so the bytes that
/// were signed are the bytes that are read (no canonical form to agree on).
/// </summary>
/// <param name="Format">Always <see cref="FeedFormat.Name"/>.</param>
/// <param name="KeyId">The signing key's short id (<c>sig-</c> and 16 digits of its fingerprint).</param>
/// <param name="Algorithm">Always <c>ECDSA P-256 SHA-256</c>.</param>
/// <param name="Page">The page, UTF-8 JSON, base64.</param>
/// <param name="Signature">The DER signature over the page's bytes, base64.</param>
public sealed record SignedFeedPage(string Format, string KeyId, string Algorithm, string Page, string Signature);

/// <summary>The publisher's signing key, as an operator pins it.</summary>
/// <param name="KeyId">The key's short id.</param>
/// <param name="Algorithm">Always <c>ECDSA P-256 SHA-256</c>.</param>
/// <param name="Fingerprint">SHA-256 of the public key (SubjectPublicKeyInfo, DER), hex.</param>
/// <param name="PublicKeyPem">The public key, PEM.</param>
public sealed record FeedPublisher(string KeyId, string Algorithm, string Fingerprint, string PublicKeyPem);

/// <summary>The feed's format name and its one JSON form (camelCase, enums by name, no indentation).</summary>
public static class FeedFormat
{
    public const string Name = "clearline-feed/1";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
