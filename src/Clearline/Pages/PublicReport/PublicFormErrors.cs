using System.Globalization;
using Clearline.PublicReporting;
using Clearline.Reports;
using Microsoft.Extensions.Localization;

namespace Clearline.Pages.PublicReport;

/// <summary>A problem with one field of the public form, in the reporter's language.</summary>
/// <param name="Field">The form field it belongs beside (<c>Urls[1]</c>, <c>ContactEmail</c>), or empty for the form as a whole.</param>
/// <param name="Message">What to do about it.</param>
public sealed record PublicFormError(string Field, string Message);

/// <summary>
/// Says <see cref="PublicReportIntake"/>'s refusals in the reporter's language, beside the field they concern.
/// </summary>
/// <remarks>
/// Core's messages are English and meant for API clients; each is told apart by its field and, where one field has
/// several, by what it says. A refusal this table does not know is shown as a general one rather than in English.
/// </remarks>
public static class PublicFormErrors
{
    /// <param name="error">The intake's refusal.</param>
    /// <param name="positions">For each URL given to the intake, its input's position on the form (blank inputs are left out).</param>
    /// <param name="texts">The public pages' texts.</param>
    public static PublicFormError Localise(Error error, IReadOnlyList<int> positions, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(texts);
        if (error is not InvalidError invalid)
        {
            return new PublicFormError("", texts["ErrorUnexpected"]);
        }

        var message = invalid.Message;
        return invalid.Field switch
        {
            "urls" when message.Contains("at most", StringComparison.Ordinal) => new("Urls", Format(texts, "ErrorUrlsTooMany", PublicReportLimits.MaxUrls)),
            "urls" => new("Urls", texts["ErrorUrlsNone"]),
            "whatSeen" => new("WhatSeen", Format(texts, "ErrorTooLong", PublicReportLimits.MaxWhatSeenLength)),
            "whereFound" => new("WhereFound", Format(texts, "ErrorTooLong", PublicReportLimits.MaxWhereFoundLength)),
            "contactEmail" when message.Contains("needed", StringComparison.Ordinal) => new("ContactEmail", texts["ErrorEmailNeededForFeedback"]),
            "contactEmail" => new("ContactEmail", texts["ErrorEmailInvalid"]),
            "contactConsent" => new("ContactConsent", texts["ErrorConsentNeeded"]),
            var field when UrlIndex(field) is { } index && index < positions.Count => new(
                string.Create(CultureInfo.InvariantCulture, $"Urls[{positions[index]}]"),
                message.Contains("private", StringComparison.Ordinal) ? texts["ErrorUrlPrivate"]
                : message.Contains("characters", StringComparison.Ordinal) ? Format(texts, "ErrorUrlTooLong", ReportLimits.MaxUrlLength)
                : texts["ErrorUrlInvalid"]),
            _ => new PublicFormError("", texts["ErrorUnexpected"]),
        };
    }

    private static int? UrlIndex(string field) =>
        field.StartsWith("urls[", StringComparison.Ordinal) && field.EndsWith(']')
        && int.TryParse(field.AsSpan(5, field.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    private static string Format(IStringLocalizer texts, string key, int value) => texts[key, value.ToString("N0", CultureInfo.CurrentCulture)];
}
