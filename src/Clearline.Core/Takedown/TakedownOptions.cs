using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Takedown;

/// <summary>How removal is confirmed after a notice (section <c>Takedown</c>).</summary>
public sealed class TakedownOptions : ISectionOptions
{
    public static string Section => "Takedown";

    /// <summary>Time from a notice (or the last re-check) to the next re-check of the content URL.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Re-checks after one notice before they stop (the analyst then decides: another notice, or Unavailable).</summary>
    [Range(1, 365)]
    public int MaxRechecks { get; set; } = 30;

    /// <summary>
    /// How long content may stay online after a notice before a reminder goes to the same recipient, and after the
    /// reminder before the route is flagged "host unresponsive" for a police referral.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(2);
}
