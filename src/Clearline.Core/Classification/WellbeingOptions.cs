using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Classification;

/// <summary>Analysts' wellbeing in the classification workspace (section <c>Wellbeing</c>).</summary>
public sealed class WellbeingOptions : ISectionOptions
{
    public static string Section => "Wellbeing";

    /// <summary>
    /// Time in the workspace per day after which the analyst is reminded to stop (default 4 hours, INHOPE's
    /// recommended maximum of review a day). A soft limit: nothing is blocked.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DailySoftLimit { get; set; } = TimeSpan.FromHours(4);
}
