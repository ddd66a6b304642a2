using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Clearline.Reports;

namespace Clearline.Pages.Reports;

/// <summary>What the report screens share: how a date and a duplicate's first report are shown.</summary>
public static class ReportPages
{
    /// <summary>A select list of every value of <typeparamref name="T"/>: the name as the value, the words as the text.</summary>
    public static IEnumerable<SelectListItem> Options<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(v => new SelectListItem(v.Describe(), v.ToString()));

    public static string Date(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "";

    /// <summary>"Reported first by X on date", the only thing shown of another hotline's report.</summary>
    public static string FirstReported(ReportOrigin origin) => $"Reported first by {origin.ReportedBy} on {Date(origin.ReportedAt)}";
}
