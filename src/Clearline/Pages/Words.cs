using System.Globalization;
using System.Text;
using Clearline.Classification;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Takedown;

namespace Clearline.Pages;

/// <summary>
/// How screens say things: every enum value in words ("Not determined", "American Express", "Reported to police"),
/// and every duration in one format ("4 min", "3 h 12 min", "2 d 4 h"). Pages never render an enum's name.
/// </summary>
/// <remarks>
/// Forms still post the enum's name as the value (the API's vocabulary); only the text a person reads comes from here.
/// A value without its own words is its name split into words with the first capitalised ("ImageBoard" → "Image
/// board"); the table holds the values whose words differ from that.
/// </remarks>
public static class Words
{
    private static readonly Dictionary<Enum, string> Named = new()
    {
        [Role.OrgAdmin] = "Administrator",
        [Role.LeaOfficer] = "Police officer",
        [Role.InterpolOfficer] = "INTERPOL officer",
        [Role.SystemAdmin] = "System administrator",
        [OrganisationKind.LawEnforcement] = "Law enforcement",
        [OrganisationKind.Interpol] = "INTERPOL",
        [OrganisationKind.Coordinator] = "Network coordinator",
        [OrganisationKind.Industry] = "Industry partner",
        [AgeGroup.PrePubescent] = "Pre-pubescent",
        [ContentFlags.Virtual] = "Virtual (computer-generated)",
        [ContentFlags.UserGenerated] = "Self-generated",
        [SiteType.NotApplicable] = "Not applicable",
        [Commerciality.NonCommercial] = "Non-commercial",
        [PaymentMethods.AmericanExpress] = "American Express",
        [PaymentMethods.PayPal] = "PayPal",
        [PaymentMethods.WesternUnion] = "Western Union",
        [PaymentMethods.Sms] = "SMS",
        [PaymentMethods.Email] = "E-mail",
        [PaymentMethods.OtherCard] = "Other card",
        [TakedownActionKind.ReportedToLea] = "Reported to police",
        [TakedownActionKind.ReportedToHost] = "Notice to the host",
        [TakedownState.ReportedToLea] = "Reported to police",
        [TakedownState.AwaitingRemoval] = "Notice given, awaiting removal",
        [ActionReason.Error404NotFoundOrSiteDown] = "Error 404 (not found) or site down",
        [ActionReason.Error503OrContentTemporarilyUnavailable] = "Error 503 or temporarily unavailable",
        [Clearline.Routing.RouteEventKind.OriginRecorded] = "Origin behind the CDN recorded",
        [Clearline.AbuseContacts.AbuseContactSource.Network] = "Hosting network",
        [Clearline.AbuseContacts.AbuseContactSource.Registrar] = "Domain registrar",
        [Clearline.AbuseContacts.AbuseContactState.Pending] = "Not looked up yet",
        [Clearline.AbuseContacts.AbuseContactState.NotFound] = "No abuse contact found",
        [Clearline.AbuseContacts.AbuseContactState.Failed] = "Lookup failed",
        [Clearline.Notices.NoticeChannel.Email] = "E-mail",
        [Clearline.Notices.NoticeDeliveryState.Retrying] = "Failed, retrying",
    };

    /// <summary>The value in words; a combination of flags as its parts in words, joined by commas.</summary>
    public static string Describe(this Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Named.TryGetValue(value, out var words))
        {
            return words;
        }

        var type = value.GetType();
        if (type.IsDefined(typeof(FlagsAttribute), inherit: false) && !Enum.IsDefined(type, value))
        {
            var bits = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            var parts = Enum.GetValues(type).Cast<Enum>()
                .Where(v => Convert.ToUInt64(v, CultureInfo.InvariantCulture) is var flag && flag != 0 && (bits & flag) == flag)
                .Select(Describe);
            return string.Join(", ", parts);
        }

        return Split(value.ToString());
    }

    /// <summary>A nullable value in words, or <paramref name="none"/>.</summary>
    public static string Describe<T>(this T? value, string none)
        where T : struct, Enum => value is { } known ? known.Describe() : none;

    /// <summary>
    /// A duration as people say it, to the minute under a day and to the hour beyond: "under 1 min", "4 min",
    /// "3 h 12 min", "2 d 4 h". Routes, statistics and every other screen use this one format.
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.FromMinutes(1))
        {
            return "under 1 min";
        }

        var days = (int)value.TotalDays;
        return days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days} d {value.Hours} h")
            : value.Hours > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{value.Hours} h {value.Minutes} min")
                : string.Create(CultureInfo.InvariantCulture, $"{value.Minutes} min");
    }

    /// <summary>"ImageBoard" → "Image board", "Error404" → "Error 404".</summary>
    private static string Split(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = i > 0 && ((char.IsUpper(c) && !char.IsUpper(name[i - 1])) || (char.IsDigit(c) && !char.IsDigit(name[i - 1])));
            if (boundary)
            {
                words.Append(' ');
            }

            words.Append(i == 0 ? c : boundary && char.IsUpper(c) ? char.ToLowerInvariant(c) : c);
        }

        return words.ToString();
    }
}
