using System.Resources;

[assembly: NeutralResourcesLanguage("en")]
[assembly: Microsoft.Extensions.Localization.RootNamespace("Clearline")]

namespace Clearline.Pages.PublicReport;

/// <summary>
/// The texts of the public pages (<c>/report</c>, <c>/report/status</c>), in <c>Resources/Pages/PublicReport/PublicReportTexts.resx</c>
/// (English) and one <c>PublicReportTexts.{language}.resx</c> beside it per further language.
/// </summary>
/// <remarks>
/// The assembly is named <c>clearline</c> but its namespace is <c>Clearline</c>: the root-namespace attribute lets the
/// localiser find the resources by namespace. Only these pages are localised; staff pages stay English.
/// </remarks>
public sealed class PublicReportTexts;
