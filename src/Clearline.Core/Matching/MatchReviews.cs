using Clearline.Events;
using Clearline.HashLists;

namespace Clearline.Matching;

/// <summary>
/// Analysts mark a match as confirmed or wrong; a list's false-match rate (<see cref="HashListStats.FalseMatchRate"/>)
/// is counted from these marks. Marking again replaces the mark, and every mark is audited.
/// </summary>
/// <remarks>
/// Only an organisation that can see the match's list may mark it (<see cref="HashListAccess"/>); for any other the
/// match does not exist. Marks come from any such organisation, not only the list's owner: the people who meet a
/// list's false matches are the ones who use it.
/// </remarks>
public sealed class MatchReviews(ClearlineDbContext db, UnitOfWork work, EventAnnouncer events, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<MediaMatch>> ReviewAsync(Guid matchId, MatchReview review, HashListCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var visibleLists = db.Set<HashList>().Where(HashListAccess.VisibleTo(caller.Viewer)).Select(l => l.Id);
        var match = await db.Set<MediaMatch>().FirstOrDefaultAsync(m => m.Id == matchId && visibleLists.Contains(m.HashListId), ct);
        if (match is null)
        {
            return new NotFoundError("No such match on a hash list you can see.");
        }

        if (review is not (MatchReview.Confirmed or MatchReview.Wrong))
        {
            return new InvalidError("review", "A match is reviewed as 'confirmed' or 'wrong'.");
        }

        var previous = match.Review;
        match.Review = review;
        match.ReviewedBy = caller.UserId;
        match.ReviewedByOrganisationId = caller.Viewer.OrganisationId;
        match.ReviewedAt = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        await events.AnnounceAsync(new MatchReviewed(match.Id, match.HashListId, match.KnownHashId, match.Hash, review, previous, caller.Viewer.OrganisationId), ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.MatchReviewed, caller.Actor, caller.Viewer.OrganisationId, $"match:{match.Id:D}",
            Detail: $"review={review};previous={previous};list={match.HashListId:D}"), ct);
        await transaction.CommitAsync(ct);
        return match;
    }
}

/// <summary>
/// An analyst reviewed a match (confirmed it, or called it wrong). Announced in the unit of work that records the
/// review; exchanges with the list's source react (a wrong match may be sent back as negative feedback).
/// </summary>
public sealed record MatchReviewed(
    Guid MatchId, Guid HashListId, long KnownHashId, MatchedHash Hash, MatchReview Review, MatchReview Previous, Guid ReviewerOrganisationId);
