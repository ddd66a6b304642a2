using System.Globalization;
using System.Text;

namespace Clearline.Statistics;

/// <summary>
/// A police unit's or INTERPOL's figures as CSV, in the layout of <see cref="StatisticsCsv"/>: <c>metric,key,value</c>,
/// durations in seconds, a figure not yet counted (or without values) as an empty value.
/// </summary>
/// <remarks>No field needs quoting: every key is an enum name, an ISO country code or a fixed word.</remarks>
public static class LawEnforcementCsv
{
    public static string FileName(LawEnforcementFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return string.Create(CultureInfo.InvariantCulture, $"clearline-statistics-{figures.Scope}-{figures.From:yyyyMMdd}-{figures.To:yyyyMMdd}.csv");
    }

    public static string Write(LawEnforcementFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var csv = new StringBuilder("metric,key,value\n");
        void Row(string metric, string key, string value) => csv.Append(CultureInfo.InvariantCulture, $"{metric},{key},{value}\n");
        void Figure(string metric, int? value) => Row(metric, string.Empty, value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        void Seconds(string metric, TimeSpan? value) => Row(metric, string.Empty, value?.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty);
        void Buckets(string metric, IReadOnlyList<StatisticsBucket> buckets)
        {
            foreach (var bucket in buckets)
            {
                Row(metric, bucket.Key, bucket.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        Row("scope", string.Empty, figures.Scope);
        Row("from", string.Empty, figures.From.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Row("to", string.Empty, figures.To.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (figures.Police is { } police)
        {
            Figure("referrals_received", police.ReferralsReceived);
            Buckets("referral_reason", police.ReferralsByReason);
            Seconds("median_time_to_referral_seconds", police.MedianTimeToReferral);
            Seconds("p90_time_to_referral_seconds", police.P90TimeToReferral);
            Figure("referrals_with_feedback", police.ReferralsWithFeedback);
            Seconds("median_time_to_feedback_seconds", police.MedianTimeToFeedback);
            Seconds("p90_time_to_feedback_seconds", police.P90TimeToFeedback);
            Figure("illegal_items_hosted_here", police.IllegalItemsHostedHere);
            Figure("investigation_holds_placed", figures.InvestigationHoldsPlaced);
        }

        if (figures.Interpol is { } interpol)
        {
            Figure("items_baseline", interpol.BaselineItems);
            Figure("items_national", interpol.NationalItems);
            Buckets("deciding_country", interpol.ItemsByDecidingCountry);
            Figure("items_handed_to_icse", figures.ItemsHandedToIcse);
        }

        Figure("items_escalated", figures.ItemsEscalated);
        return csv.ToString();
    }
}
