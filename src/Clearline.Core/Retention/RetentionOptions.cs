using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Retention;

/// <summary>How long content and personal data are kept (section <c>Retention</c>). A window of <c>00:00:00</c> turns that rule off.</summary>
public sealed class RetentionOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Retention";

    /// <summary>The shortest window a rule may have, so a typo (hours for days) cannot delete the day's work.</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaximumWindow = TimeSpan.FromDays(3650);

    /// <summary>Whether the daily run happens; <c>clearline retention run</c> works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Originals and previews are deleted this long after the last action on every route of the content, once all are closed (default 180 days).</summary>
    public TimeSpan MediaAfterFinalAction { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Reporter data (memo, gated-content credentials) is cleared this long after the report was received, once its routes are closed (default 365 days).</summary>
    public TimeSpan ReporterData { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Originals and previews of items decided not illegal are deleted this long after the decision (default 30 days).</summary>
    public TimeSpan NotIllegalItems { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Time of day (UTC) of the daily run (default 02:30).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan DailyAt { get; set; } = new(2, 30, 0);

    /// <summary>The most items of each rule one run deletes; the rest go on the next run, so one run's audit stays bounded.</summary>
    [Range(1, 100_000)]
    public int MaxItemsPerRun { get; set; } = 5_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, window) in new[] { (nameof(MediaAfterFinalAction), MediaAfterFinalAction), (nameof(ReporterData), ReporterData), (nameof(NotIllegalItems), NotIllegalItems) })
        {
            if (window != TimeSpan.Zero && (window < MinimumWindow || window > MaximumWindow))
            {
                yield return new ValidationResult("must be 00:00:00 (off) or between 1 day and 3650 days, e.g. 180.00:00:00.", [name]);
            }
        }
    }

    /// <summary>The moment before which a rule's window has passed, or null when the rule is off.</summary>
    internal static DateTimeOffset? Cutoff(TimeSpan window, DateTimeOffset now) => window == TimeSpan.Zero ? null : now - window;
}
