using Clearline.Statistics;

namespace Clearline.Pages.Statistics;

/// <summary>INHOPE's figures of a set of routes, with the prefix of their <c>data-figure</c> names (<c>assigned-</c> for the content assigned to the hotline).</summary>
public sealed record OutcomesView(string Prefix, RouteOutcomeFigures Outcomes);
