using System.Linq.Expressions;
using Clearline.HashLists;

namespace Clearline.Classification;

/// <summary>
/// Which current decisions hold for a hotline: network-wide ones (Baseline, automatic ones, the coordinator's) and
/// those under its own country's law; an automatic one only when its list is visible to the hotline.
/// </summary>
/// <remarks>
/// A police-only list's automatic decision is excluded for a hotline: it must neither classify for the hotline
/// nor reveal that the item matched that list. Another country's National decision is excluded too: a hotline
/// sees it in the history but does not inherit it.
/// </remarks>
public static class DecisionScope
{
    public static Expression<Func<MediaClassification, bool>> Covers(ClearlineDbContext db, HashListViewer viewer, string? countryCode)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visibleLists = db.Set<HashList>().Where(HashListAccess.VisibleTo(viewer)).Select(l => l.Id);
        return c => c.SupersededAt == null
            && (c.Jurisdiction == null || c.Jurisdiction == countryCode)
            && (c.HashListId == null || visibleLists.Contains(c.HashListId.Value));
    }
}
