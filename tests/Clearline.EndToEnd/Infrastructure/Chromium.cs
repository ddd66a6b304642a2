using Microsoft.Playwright;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by <c>.ci/run</c>) driven by Playwright: no browser is
/// downloaded, and nothing outside 127.0.0.1 is reached.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        ExternalRequirement.Require(File.Exists(ExecutablePath), $"{ExecutablePath} is missing (apt-get install chromium chromium-driver)");

        // The first request to a page compiles it, and CI machines are busy: wait up to 30 s, not Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }
}
