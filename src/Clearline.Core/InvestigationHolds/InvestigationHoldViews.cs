namespace Clearline.InvestigationHolds;

/// <summary>Where a hold stands: active until its date, lifted by the unit, or past its date.</summary>
public enum InvestigationHoldState
{
    Active = 1,
    Lifted = 2,
    Expired = 3,
}

/// <summary>A hold to place: the item, optionally the referral it comes from, the date, the reason and whether the hotline may read it.</summary>
public sealed record PlaceInvestigationHold(string? MediaSha256, Guid? ReferralId, DateOnly? Until, string? Reason, bool ReasonShared);

/// <summary>An investigation hold as its police unit sees it.</summary>
/// <remarks><see cref="ExpiredAt"/> is when the expiry job recorded the date passing; the state is Expired from the date on, recorded or not.</remarks>
public sealed record InvestigationHoldView(
    Guid Id, string MediaSha256, Guid? ReferralId, DateOnly Until, InvestigationHoldState State, string Reason, bool ReasonShared,
    DateTimeOffset PlacedAt, DateTimeOffset? ChangedAt, DateTimeOffset? LiftedAt, string? LiftReason, DateTimeOffset? ExpiredAt)
{
    internal static InvestigationHoldView Of(InvestigationHold h, DateTimeOffset now) => new(
        h.Id, h.MediaSha256, h.ReferralId, InvestigationHoldDates.DateOf(h.Until),
        h.LiftedAt is not null ? InvestigationHoldState.Lifted : h.Until > now ? InvestigationHoldState.Active : InvestigationHoldState.Expired,
        h.Reason, h.ReasonShared, h.PlacedAt, h.ChangedAt, h.LiftedAt, h.LiftReason, h.ExpiredAt);
}

/// <summary>One page of a unit's holds, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record InvestigationHoldPage(IReadOnlyList<InvestigationHoldView> Items, Guid? NextCursor);

/// <summary>What the hotline assigned to a route learns of an active hold on its content.</summary>
/// <remarks><see cref="Reason"/> is null when the police unit chose not to share it.</remarks>
public sealed record RouteHoldNotice(Guid HoldId, DateOnly Until, Guid PoliceOrganisationId, string PoliceUnit, bool ReasonShared, string? Reason)
{
    /// <summary>The sentence a hotline reads: "NL police asked not to notify the host until 15 January 2027 (ongoing investigation): …".</summary>
    public string Sentence =>
        $"{PoliceUnit} asked not to notify the host until {InvestigationHoldDates.Words(Until)} (ongoing investigation): {(ReasonShared ? Reason : "reason not shared")}.";
}

/// <summary>The active holds on a route's content as its assigned hotline sees them (the latest date first).</summary>
public sealed record RouteInvestigationHolds(IReadOnlyList<RouteHoldNotice> Holds)
{
    public bool OnHold => Holds.Count > 0;
}

/// <summary>The dates of holds: a date the police name, held until midnight UTC at its start.</summary>
public static class InvestigationHoldDates
{
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly DateOf(DateTimeOffset until) => DateOnly.FromDateTime(until.UtcDateTime);

    /// <summary>"15 January 2027".</summary>
    public static string Words(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
