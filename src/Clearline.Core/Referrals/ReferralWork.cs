using Clearline.Events;
using Clearline.Organisations;

namespace Clearline.Referrals;

/// <summary>Feedback the police unit gives: an outcome, a free note, and whether it closes the referral.</summary>
public sealed record NewFeedback(ReferralOutcome? Outcome, string? Note, bool Close = false);

/// <summary>
/// The police unit's work on a referral (accept it, give feedback) and the thread both sides post to. Each step is
/// audited and committed once.
/// </summary>
/// <remarks>
/// <para>Feedback needs an accepted referral. <see cref="ReferralOutcome.NoFurtherAction"/> and
/// <see cref="ReferralOutcome.ForwardedElsewhere"/> are final and close the referral; InvestigationOpened,
/// VictimIdentified and OffenderIdentified report progress and leave it accepted unless the unit says
/// <c>Close</c>. A closed referral takes no further feedback (409) but its thread stays open.</para>
/// <para>A referral the party may not see (<see cref="ReferralAccess"/>) is 404; the referring hotline asking to
/// accept or give feedback is refused (403): those are the police unit's.</para>
/// </remarks>
public sealed class ReferralWork(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, EventAnnouncer events, TimeProvider time)
{
    public async Task<Result<Referral>> AcceptAsync(ReferralParty party, Guid referralId, CancellationToken ct)
    {
        var found = await PoliceReferralAsync(party, referralId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var referral = found.Value;
        if (referral.State != ReferralState.New)
        {
            return new ConflictError($"This referral was already accepted ({referral.State}); give feedback or post a message instead.");
        }

        await using var transaction = await work.BeginAsync(ct);
        referral.State = ReferralState.Accepted;
        referral.AcceptedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.ReferralAccepted, party.Actor, party.OrganisationId, $"referral:{referral.Id:D}"), ct);
        await events.AnnounceAsync(new ReferralAccepted(referral, party.Actor), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return referral;
    }

    public async Task<Result<ReferralFeedback>> GiveFeedbackAsync(ReferralParty party, Guid referralId, NewFeedback feedback, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (feedback.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            return new InvalidError("outcome", $"The outcome is one of {string.Join(", ", Enum.GetNames<ReferralOutcome>())}.");
        }

        var note = string.IsNullOrWhiteSpace(feedback.Note) ? null : feedback.Note.Trim();
        if (note is { Length: > ReferralFeedback.MaxNoteLength })
        {
            return new InvalidError("note", $"The note is longer than {ReferralFeedback.MaxNoteLength} characters; shorten it.");
        }

        var found = await PoliceReferralAsync(party, referralId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var referral = found.Value;
        switch (referral.State)
        {
            case ReferralState.New:
                return new ConflictError("Accept the referral before giving feedback on it.");
            case ReferralState.Closed:
                return new ConflictError("This referral is closed; post a message to its thread instead.");
        }

        var now = time.GetUtcNow();
        var closes = feedback.Close || IsFinal(outcome);
        var given = new ReferralFeedback
        {
            ReferralId = referral.Id, Outcome = outcome, Note = note, Closed = closes, At = now, OrganisationId = party.OrganisationId,
            ActorKind = party.Actor.Kind, ActorId = party.Actor.Id,
        };
        await using var transaction = await work.BeginAsync(ct);
        db.Add(given);
        referral.Outcome = outcome;
        referral.OutcomeAt = now;
        if (closes)
        {
            referral.State = ReferralState.Closed;
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(
            AuditAction.ReferralFeedbackGiven, party.Actor, party.OrganisationId, $"referral:{referral.Id:D}", Detail: $"outcome={outcome};closed={closes}"), ct);
        await transaction.CommitAsync(ct);
        return given;
    }

    /// <summary>Posts a plain-text message to the referral's thread, as the police unit or the referring hotline.</summary>
    public async Task<Result<ReferralMessage>> PostMessageAsync(ReferralParty party, Guid referralId, string? body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new InvalidError("body", "Write the message; an empty message is not posted.");
        }

        if (text.Length > ReferralMessage.MaxBodyLength)
        {
            return new InvalidError("body", $"The message is longer than {ReferralMessage.MaxBodyLength} characters; shorten it or post two.");
        }

        var referral = await db.Set<Referral>().AsNoTracking().Where(ReferralAccess.VisibleTo(party)).FirstOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return NotFound();
        }

        var message = new ReferralMessage
        {
            ReferralId = referral.Id, OrganisationId = party.OrganisationId, Body = text, At = time.GetUtcNow(), ActorKind = party.Actor.Kind, ActorId = party.Actor.Id,
        };
        await using var transaction = await work.BeginAsync(ct);
        db.Add(message);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.ReferralMessagePosted, party.Actor, party.OrganisationId, $"referral:{referral.Id:D}"), ct);
        await transaction.CommitAsync(ct);
        return message;
    }

    /// <summary>Final outcomes close the referral: nothing more will come of it at this unit.</summary>
    public static bool IsFinal(ReferralOutcome outcome) => outcome is ReferralOutcome.NoFurtherAction or ReferralOutcome.ForwardedElsewhere;

    private async Task<Result<Referral>> PoliceReferralAsync(ReferralParty party, Guid referralId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        var referral = await db.Set<Referral>().Where(ReferralAccess.VisibleTo(party)).FirstOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return NotFound();
        }

        return party.Kind == OrganisationKind.LawEnforcement && referral.PoliceOrganisationId == party.OrganisationId
            ? referral
            : new RefusedError("Only the police unit that received the referral accepts it and gives feedback; post a message to its thread instead.");
    }

    private static NotFoundError NotFound() => new("No such referral, or not one your organisation may see.");
}
