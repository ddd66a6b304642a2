using Clearline.Classification;

namespace Clearline.Icse;

/// <summary>
/// An item of INTERPOL's ICSE queue: its hashes, the decision that makes it illegal (the newest current Baseline or
/// National one) with the country that decided it (the deciding hotline's country; for National the jurisdiction),
/// and whether ICSE already holds it (<see cref="InIcse"/>) or it was handed over in a batch (<see cref="HandedOver"/>).
/// </summary>
public sealed record IcseQueueItem(
    string MediaSha256,
    string Md5,
    string Sha1,
    MediaFormat Format,
    Verdict Verdict,
    string? Country,
    AgeGroup AgeGroup,
    ContentFlags Flags,
    DateTimeOffset DecidedAt,
    bool InIcse,
    bool HandedOver);

/// <summary>A page of the queue, newest decision first; <see cref="NextCursor"/> continues it, null at the end.</summary>
public sealed record IcseQueuePage(IReadOnlyList<IcseQueueItem> Items, string? NextCursor);

/// <summary>What the queue lists: by default only items neither handed over nor already in ICSE.</summary>
/// <param name="IncludeHandedOver">Also items handed over in an earlier batch.</param>
/// <param name="IncludeInIcse">Also items an imported ICSE list already holds.</param>
public sealed record IcseQueueFilter(bool IncludeHandedOver = false, bool IncludeInIcse = false);

/// <summary>A past hand-off: <c>CreatedBy</c> is the officer's user id, or the API key's id when <c>ByApiKey</c>.</summary>
public sealed record IcseBatchView(Guid Id, DateTimeOffset CreatedAt, Guid CreatedBy, bool ByApiKey, int ItemCount, bool IncludesHandedOver);

/// <summary>A page of past batches, newest first.</summary>
public sealed record IcseBatchPage(IReadOnlyList<IcseBatchView> Items, Guid? NextCursor);

/// <summary>
/// What to hand over: the named <paramref name="Items"/> (SHA-256), or the first <paramref name="Limit"/> items of the
/// queue; items of an earlier batch only with <paramref name="IncludeHandedOver"/>.
/// </summary>
public sealed record IcseBatchRequest(IReadOnlyList<string>? Items, int? Limit, bool IncludeHandedOver);
