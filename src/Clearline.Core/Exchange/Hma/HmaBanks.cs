using Clearline.HashLists;

namespace Clearline.Exchange.Hma;

/// <summary>
/// A Clearline hash list as HMA calls it, a bank: its name, and whether it matches (HMA's
/// <c>matching_enabled_ratio</c>, 1 for an active list and 0 for a disabled one; Clearline has no ratios between).
/// </summary>
public sealed record HmaBank(Guid HashListId, string Name, double MatchingEnabledRatio);

/// <summary>Several lists the caller sees carry the bank name asked for; the list's id names one of them.</summary>
public sealed record AmbiguousBank(string Message) : ConflictError(Message);

/// <summary>
/// The banks an organisation may use: exactly the hash lists it sees (<see cref="HashListAccess"/>), read through
/// <see cref="HashListDirectory"/>. A bank is named by its list's name, or by the list's id where names repeat (names
/// are unique per owner only).
/// </summary>
/// <remarks>A list the caller cannot see is answered like one that does not exist, so a bank name tells nothing of others' lists.</remarks>
public sealed class HmaBanks(HashListDirectory lists)
{
    /// <summary>Every list the viewer sees, by name.</summary>
    public async Task<IReadOnlyList<HmaBank>> ListAsync(HashListViewer viewer, CancellationToken ct) =>
        [.. (await lists.ListAsync(viewer, ct)).Select(s => ToBank(s.List))];

    /// <summary>The one visible list named <paramref name="bank"/> (its name, or its id), as HMA's <c>GET /c/bank/&lt;name&gt;</c>.</summary>
    public async Task<Result<HmaBank>> FindAsync(string bank, HashListViewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bank);
        var named = Named(await ListAsync(viewer, ct), [bank]);
        return named.Count switch
        {
            0 => new NotFoundError($"bank '{bank}' not found"),
            1 => named[0],
            _ => new AmbiguousBank($"{named.Count} lists you see are named '{bank}'; name the bank by its list's id."),
        };
    }

    /// <summary>The banks among <paramref name="all"/> that any of <paramref name="names"/> names, by list name (exactly) or id.</summary>
    public static IReadOnlyList<HmaBank> Named(IReadOnlyList<HmaBank> all, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(names);
        var ids = names.Select(n => Guid.TryParse(n, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        return [.. all.Where(b => names.Contains(b.Name, StringComparer.Ordinal) || ids.Contains(b.HashListId))];
    }

    private static HmaBank ToBank(HashList list) => new(list.Id, list.Name, list.Active ? 1.0 : 0.0);
}
