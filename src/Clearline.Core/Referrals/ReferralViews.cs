using Clearline.Classification;
using Clearline.Takedown;

namespace Clearline.Referrals;

/// <summary>A referral in a list: what was referred, where it is hosted, why, and where the police unit is with it.</summary>
public sealed record ReferralSummary(
    Guid Id, Guid RouteId, string Url, string? HostingCountry, string? MediaSha256, ActionReason Reason, ReferralState State, DateTimeOffset CreatedAt,
    Guid HotlineOrganisationId, string HotlineName, ReferralOutcome? Outcome);

/// <summary>One page of referrals, oldest first; <paramref name="NextCursor"/> continues after the last.</summary>
public sealed record ReferralPage(IReadOnlyList<ReferralSummary> Items, Guid? NextCursor);

/// <summary>A decision in force for the referred item.</summary>
public sealed record ReferralDecision(Verdict Verdict, string? Jurisdiction, DateTimeOffset ClassifiedAt);

/// <summary>One feedback the police unit gave.</summary>
public sealed record ReferralFeedbackView(Guid Id, ReferralOutcome Outcome, string? Note, bool Closed, DateTimeOffset At);

/// <summary>One message of the thread; <paramref name="FromPolice"/> when the police unit posted it.</summary>
public sealed record ReferralMessageView(Guid Id, Guid OrganisationId, string OrganisationName, bool FromPolice, string Body, DateTimeOffset At);

/// <summary>A referral with everything its two parties see: the content URL and hosting, the decision, feedback and thread.</summary>
public sealed record ReferralDetail(
    Guid Id, Guid RouteId, string Url, string? HostingCountry, string? ServerAddress, string? MediaSha256, ActionReason Reason, string? Note,
    ReferralState State, DateTimeOffset CreatedAt, DateTimeOffset? AcceptedAt, ReferralOutcome? Outcome, DateTimeOffset? OutcomeAt,
    Guid HotlineOrganisationId, string HotlineName, Guid PoliceOrganisationId, string PoliceName,
    IReadOnlyList<ReferralDecision> Decisions, IReadOnlyList<ReferralFeedbackView> Feedback, IReadOnlyList<ReferralMessageView> Messages);

/// <summary>
/// The hotline's view of its referral of a content URL: whether it reported it to police, which unit received it (none
/// when the country has no police unit in Clearline) and the referral itself.
/// </summary>
/// <param name="RouteId">The route.</param>
/// <param name="ReportedToLea">The hotline recorded ReportedToLea on the route.</param>
/// <param name="Received">A police unit received it (<paramref name="Referral"/> is set).</param>
/// <param name="Explanation">Why no police unit received it, when none did.</param>
/// <param name="Referral">The latest referral of the route by the hotline.</param>
public sealed record RouteReferral(Guid RouteId, bool ReportedToLea, bool Received, string? Explanation, ReferralDetail? Referral);

/// <summary>How many referrals a police unit holds in each state.</summary>
public sealed record ReferralCounts(int New, int Accepted, int Closed);
