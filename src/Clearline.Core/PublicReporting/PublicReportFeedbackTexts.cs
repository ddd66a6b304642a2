using System.Globalization;

namespace Clearline.PublicReporting;

/// <summary>The feedback e-mail in the reporter's language: that the report was handled, by whom, and thanks; never what was found.</summary>
/// <remarks>English, Dutch and German; any other language gets English. Adding one is adding a case here.</remarks>
public static class PublicReportFeedbackTexts
{
    /// <summary>The languages the feedback is written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "nl", "de"];

    /// <summary>The subject and plain-text body for <paramref name="language"/> (a culture name such as <c>de</c> or <c>de-AT</c>).</summary>
    /// <param name="language">The reporter's language (<see cref="PublicReport.Language"/>).</param>
    /// <param name="reference">The report's reference.</param>
    /// <param name="hotline">The hotline's name.</param>
    /// <param name="statusLink">The status page's address, or null when the portal's address is not configured.</param>
    public static (string Subject, string Body) For(string? language, string reference, string hotline, string? statusLink)
    {
        var (subject, handled, nothingMore, status, automatic) = Neutral(language) switch
        {
            "nl" => (
                "Uw melding {0} is afgehandeld",
                "Uw melding {0} is afgehandeld door {1}. Hartelijk dank voor uw melding.",
                "Dit bericht zegt met opzet niets over wat er is gevonden.",
                "De status van uw melding: {0}",
                "Dit is een automatisch bericht; antwoorden wordt niet gelezen."),
            "de" => (
                "Ihre Meldung {0} wurde bearbeitet",
                "Ihre Meldung {0} wurde von {1} bearbeitet. Vielen Dank für Ihre Meldung.",
                "Diese Nachricht sagt absichtlich nichts darüber, was gefunden wurde.",
                "Der Stand Ihrer Meldung: {0}",
                "Dies ist eine automatische Nachricht; Antworten werden nicht gelesen."),
            _ => (
                "Your report {0} has been handled",
                "Your report {0} has been handled by {1}. Thank you for reporting.",
                "This message says nothing about what was found, on purpose.",
                "The status of your report: {0}",
                "This is an automatic message; replies are not read."),
        };
        var body = Format(handled, reference, hotline) + "\n\n" + nothingMore + "\n"
            + (statusLink is null ? string.Empty : Format(status, statusLink) + "\n")
            + "\n" + automatic + "\n";
        return (Format(subject, reference), body);
    }

    /// <summary>The two-letter language of a culture name, lower case, if it is one of <see cref="Languages"/>; otherwise <c>en</c>.</summary>
    public static string Neutral(string? language)
    {
        var neutral = (language ?? string.Empty).Split('-', '_')[0].Trim().ToLowerInvariant();
        return Languages.Contains(neutral) ? neutral : "en";
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
