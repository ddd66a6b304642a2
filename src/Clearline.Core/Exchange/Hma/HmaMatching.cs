using System.Globalization;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media.Pdq;
using Clearline.Telemetry;

namespace Clearline.Exchange.Hma;

/// <summary>
/// One entry a signal met, as HMA answers it: the entry's id (<c>bank_content_id</c>), its bank, and the distance as
/// HMA prints it (<c>pretty_str</c>): the Hamming distance for PDQ, <c>-</c> for an MD5, which matches exactly or not at all.
/// </summary>
public sealed record HmaMatch(long BankContentId, HmaBank Bank, string Distance);

/// <summary>
/// HMA's lookups of one signal (<c>/m/raw_lookup</c>, <c>/m/lookup</c>) on Clearline's matcher: the same lists, rules
/// and PDQ threshold as a partner's hash check, and audited the same way, with counts and never the signal.
/// </summary>
/// <remarks>
/// Only lists the caller sees are searched (<see cref="KnownMaterialMatcher"/> applies <see cref="HashListAccess"/>), and a
/// bank name narrows that set, never widens it: a name the caller cannot see matches nothing, as an unknown bank does
/// in HMA. Disabled lists and tombstoned entries never match.
/// </remarks>
public sealed class HmaMatching(KnownMaterialMatcher matcher, HmaBanks banks, AuditTrail audit, ClearlineMetrics metrics)
{
    /// <summary>HMA's "no distance" (<c>NO_DISTANCE_STR</c>), for signals that match only exactly.</summary>
    public const string NoDistance = "-";

    /// <summary>
    /// The entries <paramref name="signal"/> meets in the lists <paramref name="viewer"/> sees, best first, restricted
    /// to <paramref name="bankNames"/> (list names or ids) when given.
    /// </summary>
    public async Task<IReadOnlyList<HmaMatch>> LookupAsync(
        HmaSignal signal, IReadOnlyCollection<string>? bankNames, HashListViewer viewer, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(viewer);
        using var timing = metrics.TimeHashCheck();
        var query = signal.Type == HmaSignalType.Pdq ? new HashQuery(Pdq: [PdqHash.Parse(signal.Value)]) : new HashQuery(Md5: signal.Value);
        var found = (await matcher.FindAsync([query], viewer, ct))[0];
        var visible = await banks.ListAsync(viewer, ct);
        var allowed = (bankNames is null ? visible : HmaBanks.Named(visible, bankNames)).ToDictionary(b => b.HashListId);
        var matches = found
            .Where(m => allowed.ContainsKey(m.List.Id))
            .Select(m => new HmaMatch(m.Entry.Id, allowed[m.List.Id], m.IsExact ? NoDistance : m.Distance.ToString(CultureInfo.InvariantCulture)))
            .ToList();

        await audit.AppendAsync(
            new AuditEvent(
                AuditAction.HmaSignalLookedUp,
                actor,
                viewer.OrganisationId,
                Detail: $"1 {HmaSignal.NameOf(signal.Type)} signal looked up, {matches.Count} matches"),
            ct);
        return matches;
    }
}
