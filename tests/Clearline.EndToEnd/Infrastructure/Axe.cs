using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>
/// axe-core (npm <c>axe-core</c>, installed at build time by the project's <c>InstallAxeCore</c> target and copied
/// beside the tests) checks the page shown against WCAG 2.0 and 2.1, levels A and AA.
/// </summary>
/// <remarks>
/// Clearline's pages allow scripts from their own origin only (<c>script-src 'self'</c>), so a <c>&lt;script&gt;</c>
/// element with axe's text in it, which is what <c>AddScriptTagAsync</c> makes of a file, would be refused by the
/// very policy the tests must not loosen (<c>BypassCSP</c> would hide a real violation from
/// <see cref="ConsoleProblems"/>). The script is therefore evaluated through the DevTools protocol, which the page's
/// policy does not govern, as axe's own <c>@axe-core/playwright</c> does.
/// </remarks>
public static class Axe
{
    /// <summary>The rule sets checked: WCAG 2.0 and 2.1, A and AA.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"{path} is missing: building tests/Clearline.EndToEnd runs npm ci, which installs axe-core.", path);
    });

    /// <summary>Every violation on <paramref name="page"/> as readable text: the rule, its impact and help, and each offending node.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async tags => {
              const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return results.violations.map(v => ({
                id: v.id,
                impact: v.impact ?? '',
                help: v.help,
                nodes: v.nodes.map(n => ({
                  target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(', '),
                  html: n.html,
                  summary: n.failureSummary ?? '',
                })),
              }));
            }
            """, Tags);
        return [.. violations.EnumerateArray().Select(Describe)];
    }

    /// <summary>Fails, listing every violation, unless axe finds none on the page shown (<paramref name="what"/> names it).</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe-core found {violations.Count} WCAG 2.1 AA violations on {what} ({page.Url}):\n" + string.Join('\n', violations));
    }

    private static string Describe(JsonElement violation)
    {
        var text = new StringBuilder();
        text.Append(violation.GetProperty("id").GetString()).Append(" (").Append(violation.GetProperty("impact").GetString()).Append("): ")
            .AppendLine(violation.GetProperty("help").GetString());
        foreach (var node in violation.GetProperty("nodes").EnumerateArray())
        {
            text.Append("  at ").Append(node.GetProperty("target").GetString()).Append(": ").AppendLine(node.GetProperty("html").GetString());
            foreach (var line in (node.GetProperty("summary").GetString() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                text.Append("    ").AppendLine(line);
            }
        }

        return text.ToString().TrimEnd();
    }
}
