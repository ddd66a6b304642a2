using Microsoft.Playwright;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>
/// What a browser page complains about while a test drives it: console errors and warnings (a CSP violation is one),
/// uncaught script errors, requests that failed and responses of 400 or more (a missing favicon is one).
/// </summary>
/// <remarks>
/// A form post that answers with a file (an evidence package, an ICSE batch) becomes a download, and Chromium reports
/// its navigation as aborted (<c>net::ERR_ABORTED</c>): that one is not a problem when the page did download the file.
/// </remarks>
public sealed class ConsoleProblems
{
    private readonly List<string> _problems = [];
    private readonly List<(string Url, string Problem)> _aborted = [];
    private readonly HashSet<string> _downloaded = [];

    private ConsoleProblems()
    {
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems, .. _aborted.Where(a => !_downloaded.Contains(a.Url)).Select(a => a.Problem)];
            }
        }
    }

    /// <summary>Starts listening on <paramref name="page"/>; each problem is noted with the page's address at the time.</summary>
    public static ConsoleProblems Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new ConsoleProblems();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(page.Url, $"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add(page.Url, $"script error: {error}");
        page.RequestFailed += (_, request) =>
        {
            var problem = $"request failed: {request.Method} {request.Url} ({request.Failure})";
            if (request.Failure == "net::ERR_ABORTED" && request.IsNavigationRequest)
            {
                problems.AddAborted(page.Url, request.Url, problem);
            }
            else
            {
                problems.Add(page.Url, problem);
            }
        };
        page.Download += (_, download) => problems.Downloaded(download.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add(page.Url, $"{response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        return problems;
    }

    /// <summary>Fails with every problem noted, one a line.</summary>
    public void AssertNone()
    {
        var all = All;
        Assert.True(all.Count == 0, $"{all.Count} browser problems:\n" + string.Join('\n', all));
    }

    private void AddAborted(string pageUrl, string requestUrl, string problem)
    {
        lock (_problems)
        {
            _aborted.Add((requestUrl, $"{new Uri(pageUrl).PathAndQuery}: {problem}"));
        }
    }

    private void Downloaded(string url)
    {
        lock (_problems)
        {
            _downloaded.Add(url);
        }
    }

    private void Add(string url, string problem)
    {
        lock (_problems)
        {
            _problems.Add($"{new Uri(url).PathAndQuery}: {problem}");
        }
    }
}
