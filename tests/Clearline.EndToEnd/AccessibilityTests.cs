using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace Clearline.EndToEnd;

/// <summary>
/// The main screens at 200% zoom (a 1280-pixel window shown at twice the size: 640 CSS pixels wide), with every
/// form control labelled, one heading of level 1, and a skip link first in the focus order.
/// </summary>
public sealed class AccessibilityTests
{
    private const string Supervisor = "supervisor.nl@demo.clearline.invalid";

    /// <summary>Pages a hotline's supervisor opens; those with forms are the ones most likely to break.</summary>
    private static readonly string[] Screens =
        ["/", "/Reports", "/Reports/Insert", "/Reports/Upload", "/Assessment", "/Assessment/SecondOpinion", "/Assessment/Filters", "/Routes", "/HashLists", "/Statistics", "/Account/Security", "/Triage"];

    /// <summary>Pages anyone opens without signing in: the public report form and its status page.</summary>
    private static readonly string[] PublicScreens = ["/report/nl", "/report/status"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MainScreens_At200PercentZoom_FitLabelledAndSkippable()
    {
        await using var server = await ClearlineServer.StartAsync(Ct);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 640, Height = 450 }, DeviceScaleFactor = 2 });
            var analyst = new Analyst(await context.NewPageAsync(), server.BaseAddress, Supervisor);
            await analyst.FirstSignInAsync(server.Account(Supervisor).OneTimePassword);

            var problems = new List<string>();
            foreach (var screen in Screens)
            {
                await analyst.OpenAsync(screen);
                problems.AddRange((await ProblemsAsync(analyst.Page)).Select(p => $"{screen}: {p}"));
            }

            var visitor = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 640, Height = 450 }, DeviceScaleFactor = 2 })).NewPageAsync();
            foreach (var screen in PublicScreens)
            {
                await visitor.GotoAsync(new Uri(server.BaseAddress, screen).ToString());
                problems.AddRange((await ProblemsAsync(visitor)).Select(p => $"{screen}: {p}"));
            }

            Assert.True(problems.Count == 0, string.Join('\n', problems));
        }
    }

    private static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              const root = document.documentElement;
              if (root.scrollWidth > root.clientWidth + 1) problems.push(`scrolls sideways: ${root.scrollWidth}px in ${root.clientWidth}px`);
              if (!root.lang) problems.push('no lang attribute');
              const h1 = document.querySelectorAll('h1').length;
              if (h1 !== 1) problems.push(`${h1} h1 headings`);
              for (const control of document.querySelectorAll('input, select, textarea')) {
                if (control.type === 'hidden' || control.closest('[hidden]')) continue;
                const labelled = control.labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
                if (!labelled) problems.push(`unlabelled ${control.tagName.toLowerCase()} ${control.name || control.id}`);
              }
              return problems;
            }
            """);
        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("() => document.activeElement?.className ?? ''");
        return first.Contains("skip-link", StringComparison.Ordinal) ? problems : [.. problems, $"the first Tab focuses '{first}', not the skip link"];
    }
}
