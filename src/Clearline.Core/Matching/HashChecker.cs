using System.Buffers.Text;
using Clearline.HashLists;
using Clearline.Media.Pdq;
using Clearline.Telemetry;

namespace Clearline.Matching;

public enum HashType
{
    Md5 = 1,
    Sha1 = 2,
    Sha256 = 3,
    Pdq = 4,
    PhotoDna = 5,
}

/// <summary>One hash a partner asks about. <see cref="Quality"/> is the PDQ quality, when the partner knows it.</summary>
public sealed record HashCheckItem(HashType Type, string Value, int? Quality = null);

/// <summary>A list entry the hash met, as a partner sees it: the list, its category and what that category means here.</summary>
public sealed record HashCheckMatch(Guid HashListId, string HashList, string? Category, CategoryOutcome Outcome, int Distance);

/// <summary>The answer for one hash, in the order asked. <see cref="Note"/> says why a hash could not match (low quality).</summary>
public sealed record HashCheckResult(HashType Type, string Value, bool Known, IReadOnlyList<HashCheckMatch> Matches, string? Note);

/// <summary>
/// Hash checks for partners (industry, other hotlines): is each hash known to a list the partner may see, in what
/// category, and for PDQ how far. The hashes asked about are not kept: the audit records who asked, how many and
/// how many were known.
/// </summary>
public sealed class HashChecker(KnownMaterialMatcher matcher, AuditTrail audit, ClearlineMetrics metrics)
{
    public const int MaxHashes = 1000;

    private const int PhotoDnaBytes = 144;

    /// <summary>
    /// What is wrong with a hash, and in which field (<c>value</c> or <c>quality</c>), or null: hex of the type's
    /// length, PDQ quality 0..100, PhotoDNA base64 of 144 bytes.
    /// </summary>
    public static (string Field, string Message)? Problem(HashCheckItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var value = item.Value.Trim();
        var message = item.Type switch
        {
            HashType.Md5 => Hex(value, 32),
            HashType.Sha1 => Hex(value, 40),
            HashType.Sha256 => Hex(value, 64),
            HashType.Pdq => Hex(value, 64),
            HashType.PhotoDna => Base64.IsValid(value, out var length) && length == PhotoDnaBytes ? null : $"must be base64 of {PhotoDnaBytes} bytes.",
            _ => "unknown hash type.",
        };
        return message is not null ? ("value", message)
            : item.Type == HashType.Pdq && item.Quality is < 0 or > 100 ? ("quality", "must be between 0 and 100.")
            : null;
    }

    /// <summary>
    /// The first problem with a request's hashes, named as the request spells it: <c>hashes</c> for too few or too
    /// many, <c>hashes[3].value</c> for one hash; null when every hash can be checked.
    /// </summary>
    public static InvalidError? Validate(IReadOnlyList<HashCheckItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count is 0 or > MaxHashes)
        {
            return new InvalidError("hashes", $"must hold between 1 and {MaxHashes} hashes; it holds {items.Count}.");
        }

        return items.Select((item, i) => (i, Problem: Problem(item)))
            .Where(p => p.Problem is not null)
            .Select(p => new InvalidError($"hashes[{p.i}].{p.Problem!.Value.Field}", p.Problem.Value.Message))
            .FirstOrDefault();
    }

    /// <summary>Checks valid hashes (see <see cref="Problem"/>) against the lists <paramref name="viewer"/> may see.</summary>
    public async Task<IReadOnlyList<HashCheckResult>> CheckAsync(
        IReadOnlyList<HashCheckItem> items, HashListViewer viewer, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(items.Count, MaxHashes);
        using var timing = metrics.TimeHashCheck();
        if (items.Select(i => (i.Type, Problem: Problem(i))).FirstOrDefault(p => p.Problem is not null) is (var type, var (field, message)))
        {
            throw new ArgumentException($"Invalid {type} hash: {field} {message}", nameof(items));
        }

        var queries = items.Select(ToQuery).ToList();
        var found = await matcher.FindAsync(queries, viewer, ct);
        var results = items.Select((item, i) =>
        {
            var matches = found[i]
                .Select(m => new HashCheckMatch(m.List.Id, m.List.Name, m.Entry.Category, m.List.Mapping.For(m.Entry.Category).Outcome, m.Distance))
                .ToList();
            var note = item.Type == HashType.Pdq && !PdqMatching.IsMatchable(item.Quality ?? PdqMatching.MinimumQuality)
                ? $"PDQ quality below {PdqMatching.MinimumQuality} never matches."
                : null;
            return new HashCheckResult(item.Type, item.Value.Trim(), matches.Count > 0, matches, note);
        }).ToList();

        await audit.AppendAsync(
            new AuditEvent(
                AuditAction.HashesChecked,
                actor,
                viewer.OrganisationId,
                Detail: $"{items.Count} hashes checked, {results.Count(r => r.Known)} known"),
            ct);
        return results;
    }

    private static HashQuery ToQuery(HashCheckItem item)
    {
        var value = item.Value.Trim();
        return item.Type switch
        {
            HashType.Md5 => new HashQuery(Md5: value),
            HashType.Sha1 => new HashQuery(Sha1: value),
            HashType.Sha256 => new HashQuery(Sha256: value),
            HashType.PhotoDna => new HashQuery(PhotoDna: value),
            _ => new HashQuery(Pdq: PdqMatching.IsMatchable(item.Quality ?? PdqMatching.MinimumQuality) ? [PdqHash.Parse(value)] : []),
        };
    }

    private static string? Hex(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiHexDigit) ? null : $"must be {length} hexadecimal digits.";
}
