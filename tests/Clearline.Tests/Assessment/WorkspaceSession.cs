using System.Net;
using System.Text.RegularExpressions;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Classification;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Assessment;

/// <summary>The workspace screens as a signed-in person uses them: a browser with cookies, and intent methods for the forms.</summary>
internal sealed partial class WorkspaceSession(Browser browser, Guid userId) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Browser Browser { get; } = browser;

    public Guid UserId { get; } = userId;

    /// <summary>An assessment network with workers off (nothing is crawled in the background).</summary>
    public static Task<AssessmentNetwork> StartNetworkAsync(DatabaseProvider provider, string dailySoftLimit = "04:00:00") =>
        AssessmentNetwork.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Workers:Enabled"] = "false",
            ["Api:SignInAttemptsPerMinutePerAddress"] = "10000",
            ["Wellbeing:DailySoftLimit"] = dailySoftLimit,
        });

    /// <summary>A person of <paramref name="organisation"/> in <paramref name="role"/>, fully signed in.</summary>
    public static async Task<WorkspaceSession> SignInAsync(AssessmentNetwork network, Organisation organisation, Role role = Role.Analyst)
    {
        var person = await network.App.CreateUserAsync(organisation, role);
        var browser = new Browser(network.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, person.User.Email!, person.OneTimePassword);
        return new WorkspaceSession(browser, person.User.Id);
    }

    /// <summary>The addresses of the tiles in the page's grid, in order.</summary>
    public static List<string> GridItems(string html)
    {
        var start = html.IndexOf("id=\"queue-grid\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page has no queue grid:\n" + html);
        var grid = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        return [.. TilePattern().Matches(grid).Select(m => m.Groups[1].Value)];
    }

    /// <summary>The text of the status line.</summary>
    public static string StatusLine(string html) =>
        StatusPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No status line:\n" + html);

    /// <summary>Posts a workspace form from <paramref name="page"/>, follows the redirect back and returns the page it lands on.</summary>
    public async Task<string> DecideAsync(string page, string handler, params (string Name, string Value)[] fields)
    {
        using var response = await Browser.SubmitAsync(page, $"/Assessment?handler={handler}", fields);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {handler}: {(int)response.StatusCode}\n{body}");
        return await Browser.OpenAsync(response.Headers.Location!.OriginalString);
    }

    public void Dispose() => Browser.Dispose();

    [GeneratedRegex("class=\"tile[^\"]*\" data-sha256=\"([0-9a-f]{64})\"")]
    private static partial Regex TilePattern();

    [GeneratedRegex("id=\"workspace-status\"[^>]*>([^<]*)</p>")]
    private static partial Regex StatusPattern();
}
