namespace Clearline.Statistics;

/// <summary>A police unit's figures for a period.</summary>
/// <param name="ReferralsReceived">Referrals hotlines made to the unit in the period (by their creation).</param>
/// <param name="ReferralsByReason">Those referrals per referral reason.</param>
/// <param name="MedianTimeToReferral">Nearest-rank median of the time from the content URL's first report in the network to the referral.</param>
/// <param name="P90TimeToReferral">Nearest-rank 90th percentile of the same.</param>
/// <param name="ReferralsWithFeedback">Of the referrals received, those the unit gave feedback on.</param>
/// <param name="MedianTimeToFeedback">Nearest-rank median of the time from the referral to the unit's feedback.</param>
/// <param name="P90TimeToFeedback">Nearest-rank 90th percentile of the same.</param>
/// <param name="IllegalItemsHostedHere">Items decided in the period as Baseline, or National in the unit's country, and hosted in its country.</param>
public sealed record PoliceFigures(
    int ReferralsReceived,
    IReadOnlyList<StatisticsBucket> ReferralsByReason,
    TimeSpan? MedianTimeToReferral,
    TimeSpan? P90TimeToReferral,
    int ReferralsWithFeedback,
    TimeSpan? MedianTimeToFeedback,
    TimeSpan? P90TimeToFeedback,
    int IllegalItemsHostedHere);

/// <summary>INTERPOL's figures for a period: the network's Baseline and National items.</summary>
/// <param name="BaselineItems">Items whose deciding classification, made in the period, is Baseline.</param>
/// <param name="NationalItems">Items whose deciding classification, made in the period, is National.</param>
/// <param name="ItemsByDecidingCountry">Those items per country of the organisation that decided them (<c>unknown</c> when automatic).</param>
public sealed record InterpolFigures(int BaselineItems, int NationalItems, IReadOnlyList<StatisticsBucket> ItemsByDecidingCountry);

/// <summary>
/// The figures a police unit or INTERPOL sees on <c>/Statistics</c> and from <c>/api/v1/statistics/law-enforcement</c>:
/// <see cref="Police"/> for a police unit, <see cref="Interpol"/> for INTERPOL (the other is null).
/// </summary>
/// <param name="Scope"><c>police</c> or <c>interpol</c>.</param>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Police">A police unit's referral figures.</param>
/// <param name="Interpol">INTERPOL's network figures.</param>
/// <param name="InvestigationHoldsPlaced">Investigation holds the unit placed in the period (police); null until counted.</param>
/// <param name="ItemsEscalated">Items escalated for victim identification in the period (police: its referrals; INTERPOL: all); null until counted.</param>
/// <param name="ItemsHandedToIcse">Items handed over to ICSE in the period (INTERPOL); null until counted.</param>
public sealed record LawEnforcementFigures(
    string Scope,
    DateTimeOffset From,
    DateTimeOffset To,
    PoliceFigures? Police,
    InterpolFigures? Interpol,
    int? InvestigationHoldsPlaced,
    int? ItemsEscalated,
    int? ItemsHandedToIcse)
{
    public const string PoliceScope = "police";

    public const string InterpolScope = "interpol";
}
