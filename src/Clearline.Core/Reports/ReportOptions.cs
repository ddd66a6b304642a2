using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Reports;

/// <summary>How reports are taken in (section <c>Reports</c>).</summary>
public sealed class ReportOptions : ISectionOptions
{
    public static string Section => "Reports";

    /// <summary>
    /// A URL the network already has is crawled again when its latest crawl is older than this (new content may be
    /// there); a repeat within it is a duplicate without a crawl.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan RecrawlAfter { get; set; } = TimeSpan.FromDays(7);
}
