using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.PublicReporting;

/// <summary>The public report form and its triage (section <c>PublicReporting</c>).</summary>
public sealed class PublicReportingOptions : ISectionOptions
{
    public static string Section => "PublicReporting";

    /// <summary>Whether <c>/report</c> and <c>POST /api/v1/public-reports</c> take reports; off, both answer 404.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The country whose designated hotline <c>/report</c> (without a hotline in the address) reports to; empty lets the reporter choose.</summary>
    [RegularExpression("^([A-Za-z]{2})?$")]
    public string? DefaultCountry { get; set; }

    /// <summary>How long a reporter's e-mail address, account and where-found are kept after the report was received.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan ReporterDataRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Reports one client (by its daily salted address hash) may send in <see cref="RateWindow"/>.</summary>
    [Range(1, 10_000)]
    public int ReportsPerClient { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Leading zero bits the browser's proof of work must find (each bit doubles the work; 18 is about a second).</summary>
    [Range(0, 30)]
    public int ProofOfWorkBits { get; set; } = 18;

    /// <summary>How long a challenge may be answered after it was given.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Without JavaScript, the form is taken only this long after it was given, instead of the proof of work.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan NoScriptDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The public form's languages per country of the hotline (<c>Languages:NL</c> = <c>nl,en</c>), the first being the default;
    /// a country not listed gets the built-in languages (NL: nl,en; DE and AT: de,en; BE: nl,fr,en; others: en). Only
    /// languages the form has texts for are offered.
    /// </summary>
    public Dictionary<string, string> Languages { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
