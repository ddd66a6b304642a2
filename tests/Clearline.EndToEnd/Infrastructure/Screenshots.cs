using Microsoft.Playwright;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>
/// Saves screenshots of the main screens: into <c>CLEARLINE_SCREENSHOTS</c> when it is set (the README's pictures
/// are made with <c>CLEARLINE_SCREENSHOTS=docs/screenshots</c>), else into the test output folder.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Environment.GetEnvironmentVariable("CLEARLINE_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
