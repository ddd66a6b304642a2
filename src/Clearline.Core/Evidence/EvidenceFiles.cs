using Clearline.Classification;

namespace Clearline.Evidence;

/// <summary><c>hashes.json</c>: the item's hashes as stored when it was found.</summary>
internal sealed record HashesFile(
    string Sha256, string Md5, string Sha1, string? Pdq, int? PdqQuality, MediaFormat Format, int? Width, int? Height, long ByteLength, DateTimeOffset FirstSeenAt);

/// <summary><c>classification.json</c>: every decision on the item, newest first, with who decided and when.</summary>
internal sealed record ClassificationFile(IReadOnlyList<DecisionRecord> Decisions);

/// <summary>One decision: <c>OrganisationId</c> the deciding organisation (null for an automatic decision from a hash
/// list), <c>UserId</c> the person or <c>ApiKeyId</c> the key that decided.</summary>
internal sealed record DecisionRecord(
    Guid Id, Verdict Verdict, string? Jurisdiction, AgeGroup AgeGroup, Gender Gender, ContentFlags Flags, ClassificationSource Source,
    Guid? OrganisationId, string? OrganisationName, Guid? UserId, Guid? ApiKeyId, Guid? HashListId,
    DateTimeOffset ClassifiedAt, DateTimeOffset? SupersededAt, string? WithdrawnReason, bool IsCurrent);

/// <summary><c>location.json</c> of one content URL: where the item was found and where that is hosted.</summary>
internal sealed record LocationFile(
    string ContentUrl, string? FinalUrl, int? StatusCode, string? ContentType, DateTimeOffset? FetchedAt,
    string? FoundOnPage, string? FoundIn, HostingRecord Hosting, IReadOnlyList<Guid> RouteIds);

/// <summary>The hosting trace of the content URL as recorded at the fetch.</summary>
internal sealed record HostingRecord(string? ServerAddress, string? CountryCode, long? Asn, string? NetworkOrganisation, string? ReverseDns, bool? IsCdn);

/// <summary><c>custody.json</c>: the audit entries of this content, oldest first, and the state of the audit seal when the package was made.</summary>
internal sealed record CustodyFile(IReadOnlyList<string> Targets, IReadOnlyList<CustodyEntry> Entries, bool Truncated, CustodySeal AuditSeal);

/// <remarks>
/// The client address is never included, and the detail only of the downloading unit's own entries: other
/// organisations' entries say what was done, by which organisation and actor, and when, nothing of their reports.
/// <c>HashMatches</c>: the entry still matches the hash it was chained with.
/// </remarks>
internal sealed record CustodyEntry(
    long Sequence, DateTimeOffset Timestamp, AuditAction Action, string ActorKind, string? ActorId, Guid? OrganisationId, string? OrganisationName,
    string? Target, string? Detail, string PreviousHash, string Hash, bool HashMatches);

/// <summary>The audit chain's head check at packaging time: the newest entry matches its hash and its seal.</summary>
internal sealed record CustodySeal(long HeadSequence, bool Intact, string Summary);

/// <summary>Why an item's original is not in the package (shredded under retention, tampered, key unavailable).</summary>
internal sealed record UnavailableFile(string Reason);
