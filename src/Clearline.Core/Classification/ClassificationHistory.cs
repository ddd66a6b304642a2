using Clearline.HashLists;

namespace Clearline.Classification;

/// <summary>One decision of an item's history as a hotline sees it.</summary>
/// <remarks>
/// <c>OrganisationId</c> is the deciding hotline (null for an automatic decision); <c>AnalystId</c> (user or API
/// key) is given only for the caller's own hotline's decisions. <c>IsCurrent</c>: not superseded, withdrawn or
/// undone. <c>AppliesToYou</c>: holds for the caller's hotline (network-wide, or under its own country's law);
/// another country's National decision is shown but does not apply.
/// </remarks>
public sealed record HistoryEntry(
    Guid Id, Verdict Verdict, string? Jurisdiction, AgeGroup AgeGroup, Gender Gender, ContentFlags Flags, ClassificationSource Source,
    Guid? OrganisationId, Guid? AnalystId, Guid? HashListId, DateTimeOffset ClassifiedAt, DateTimeOffset? SupersededAt, Guid? SupersededById,
    string? WithdrawnReason, bool IsCurrent, bool AppliesToYou);

/// <summary>An item's decisions, newest first, as the caller's hotline may see them.</summary>
/// <remarks>
/// Only for items the hotline found or was routed (<see cref="FoundItems"/>); others answer 404. Automatic decisions
/// from lists the hotline cannot see are left out (a police-only list's match is not the hotline's to know), and the
/// analysts of other hotlines are not named: their organisation is.
/// </remarks>
public sealed class ClassificationHistory(ClearlineDbContext db, FoundItems found)
{
    public async Task<Result<IReadOnlyList<HistoryEntry>>> ForAsync(string mediaSha256, Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        if (!await found.ContainsAsync(assessor, mediaSha256, ct))
        {
            return new NotFoundError("No such item, or not one your hotline found.");
        }

        var visibleLists = db.Set<HashList>().Where(HashListAccess.VisibleTo(assessor.ListViewer)).Select(l => l.Id);
        var rows = await db.Set<MediaClassification>().AsNoTracking()
            .Where(c => c.MediaSha256 == mediaSha256 && (c.HashListId == null || visibleLists.Contains(c.HashListId.Value)))
            .ToListAsync(ct);
        return rows
            .OrderByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id)
            .Select(c => new HistoryEntry(
                c.Id, c.Verdict, c.Jurisdiction, c.AgeGroup, c.Gender, c.Flags, c.Source, c.OrganisationId,
                c.OrganisationId == assessor.OrganisationId ? c.UserId ?? c.ApiKeyId : null,
                c.HashListId, c.ClassifiedAt, c.SupersededAt, c.SupersededById, c.WithdrawnReason,
                c.SupersededAt is null,
                c.Jurisdiction is null || c.Jurisdiction == assessor.CountryCode))
            .ToList();
    }
}
