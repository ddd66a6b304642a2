using System.Text.RegularExpressions;

namespace Clearline.Tests.Architecture;

/// <summary>
/// The one-way house: Web asks Core, Core reads the database. Web never holds the <c>DbContext</c> nor reads
/// past the tenant filter, so every read (and the tenant rule it needs) lives in a Core query class; Core holds
/// no HTTP types.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>
    /// Web files that may still name the <c>DbContext</c>, each for a reason; an entry whose file no longer needs
    /// it fails <see cref="AllowList_HoldsOnlyFilesThatStillNeedIt"/>, so the list only shrinks.
    /// </summary>
    private static readonly Dictionary<string, string> _allowed = new(StringComparer.Ordinal)
    {
        // The readiness probe asks the database whether it answers (Database.CanConnectAsync); it reads no table.
        ["WebHost/Health.cs"] = "infrastructure",
    };

    [Fact]
    public void Web_NeverUsesTheDbContextNorBypassesTheTenantFilter()
    {
        var offenders = SourceTree.Files("Clearline")
            .Where(f => !_allowed.ContainsKey(f))
            .SelectMany(f => Offences(SourceTree.Read("Clearline", f)).Select(o => $"{f}: {o}"))
            .ToList();

        Assert.True(offenders.Count == 0,
            "Web must read through Core query classes (e.g. ReportQueries, RouteQueries), never the DbContext or past the tenant filter:\n"
            + string.Join("\n", offenders));
    }

    [Fact]
    public void AllowList_HoldsOnlyFilesThatStillNeedIt()
    {
        var web = SourceTree.Files("Clearline").ToHashSet(StringComparer.Ordinal);
        var stale = _allowed.Keys.Where(f => !web.Contains(f) || !Offences(SourceTree.Read("Clearline", f)).Any()).ToList();

        Assert.True(stale.Count == 0, "Remove from the allow-list (no longer there, or no longer needs the DbContext): " + string.Join(", ", stale));
    }

    [Fact]
    public void Core_ReferencesNoHttpTypes()
    {
        var referenced = typeof(ClearlineCore).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(n => n.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal))
            .ToList();
        var sources = SourceTree.Files("Clearline.Core")
            .Where(f => SourceTree.Read("Clearline.Core", f).Contains("Microsoft.AspNetCore.Http", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(referenced);
        Assert.Empty(sources);
    }

    [Fact]
    public void TheScan_RecognisesWhatItForbids()
    {
        Assert.Equal(2, Offences("var x = db.Set<Report>().IgnoreQueryFilters(); // ClearlineDbContext").Count());
        Assert.Single(Offences("public sealed class P(DbContext db) : PageModel"));
        Assert.Empty(Offences("public sealed class P(ReportQueries reports) : PageModel"));
    }

    private static IEnumerable<string> Offences(string source) =>
        Forbidden().Matches(source).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\bIgnoreQueryFilters\b|\b\w*DbContext\b")]
    private static partial Regex Forbidden();
}
