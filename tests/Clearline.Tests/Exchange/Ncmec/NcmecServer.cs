using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clearline.Tests.Exchange.Ncmec;

/// <summary>
/// A local stand-in for NCMEC's Hash Sharing API v2 on 127.0.0.1 (real Kestrel): <c>/v2/entries</c> serves the pages a
/// test sets, in NCMEC's XML, linked by <c>paging/next</c>; HTTP basic credentials are checked; the feedback reasons
/// and submissions are answered and recorded. A test can make the next answer fail, stall or be cut off.
/// </summary>
internal sealed class NcmecServer : IAsyncDisposable
{
    public const string Username = "hotline-test";
    public const string Password = "correct horse battery staple";
    public const string ReasonGuid = "01234567-abcd-0123-4567-012345678900";

    private readonly LocalSite _site;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _faults = new();

    private NcmecServer(LocalSite site) => _site = site;

    public Uri BaseUrl => new(_site.BaseUrl.AbsoluteUri.TrimEnd('/') + "/npo");

    /// <summary>The pages of <c>/v2/entries</c>, in order: each a list of entry elements and its <c>maxTimestamp</c>.</summary>
    public List<(string[] Entries, string MaxTimestamp)> Pages { get; } = [];

    /// <summary>Every request's method, path and query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The bodies of feedback submissions, by path.</summary>
    public ConcurrentQueue<(string Path, string Body)> Feedback { get; } = new();

    public static async Task<NcmecServer> StartAsync()
    {
        NcmecServer? server = null;
        var site = await LocalSite.StartAsync(app => app.Run(context => server!.HandleAsync(context)));
        server = new NcmecServer(site);
        return server;
    }

    /// <summary>The next answer is this HTTP status, without a body.</summary>
    public void FailNext(int status) => _faults.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        return Task.FromResult(true);
    });

    /// <summary>The next answer starts only after <paramref name="delay"/>.</summary>
    public void StallNext(TimeSpan delay) => _faults.Enqueue(async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        return false;
    });

    /// <summary>The next answer is cut off half way through its XML.</summary>
    public void TruncateNext() => _faults.Enqueue(async context =>
    {
        var page = EntriesXml(context.Request.Query);
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(page[..(page.Length / 2)], context.RequestAborted);
        return true;
    });

    public static string Image(string id, string? classification = "A1", string member = "42", string? md5 = null, string? sha1 = null, string? pdq = null,
        string? pdna = null, string timestamp = "2017-10-24T15:00:00Z") =>
        $"""
        <image>
          <member id="{member}">Example Member</member>
          <timestamp>{timestamp}</timestamp>
          <id>{id}</id>
          {(classification is null ? "" : $"<classification>{classification}</classification>")}
          <fingerprints>{Print("md5", md5)}{Print("sha1", sha1)}{Print("pdna", pdna)}{Print("pdq", pdq)}<netclean>ignored</netclean></fingerprints>
          <feedback><affirmativeFeedback type="Md5"><members><member id="43">Another Member</member></members></affirmativeFeedback></feedback>
        </image>
        """;

    public static string Video(string id, string md5, string classification = "B2", string member = "42") =>
        $"""<video><member id="{member}">Example Member</member><timestamp>2017-10-24T15:00:00Z</timestamp><id>{id}</id><classification>{classification}</classification><fingerprints><md5>{md5}</md5><videntifier rel="self" href="/v2/videntifier/1"/></fingerprints></video>""";

    public static string DeletedImage(string id, string member = "42") =>
        $"""<deletedImage><member id="{member}">Example Member</member><id>{id}</id><timestamp>2017-10-24T15:10:00Z</timestamp></deletedImage>""";

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static string Print(string name, string? value) => value is null ? "" : $"<{name}>{value}</{name}>";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (request.Headers.Authorization.ToString() != expected)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (_faults.TryDequeue(out var fault) && await fault(context))
        {
            return;
        }

        var path = request.Path.Value ?? "";
        context.Response.ContentType = "application/xml";
        if (request.Method == HttpMethods.Get && path == "/npo/v2/entries")
        {
            await context.Response.WriteAsync(EntriesXml(request.Query), context.RequestAborted);
        }
        else if (request.Method == HttpMethods.Get && path.StartsWith("/npo/v2/feedback/", StringComparison.Ordinal) && path.EndsWith("/reasons", StringComparison.Ordinal))
        {
            await context.Response.WriteAsync(
                $"""<?xml version="1.0" encoding="UTF-8"?><availableFeedbackReasons xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><reason guid="{ReasonGuid}" name="Not the same image" type="Md5"/></availableFeedbackReasons>""",
                context.RequestAborted);
        }
        else if (request.Method == HttpMethods.Put && path.StartsWith("/npo/v2/entries/", StringComparison.Ordinal) && path.EndsWith("/feedback", StringComparison.Ordinal))
        {
            using var reader = new StreamReader(request.Body);
            Feedback.Enqueue((path, await reader.ReadToEndAsync(context.RequestAborted)));
            await context.Response.WriteAsync("""<submissionResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"/>""", context.RequestAborted);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private string EntriesXml(IQueryCollection query)
    {
        var index = query.TryGetValue("start", out var start) ? int.Parse(start.ToString(), CultureInfo.InvariantCulture) / 1000 : 0;
        var (entries, max) = index < Pages.Count ? Pages[index] : ([], "2017-10-24T15:00:00Z");
        var next = index + 1 < Pages.Count
            ? $"<paging><next>/v2/entries?from={Uri.EscapeDataString(query["from"].ToString())}&amp;to={Uri.EscapeDataString(query["to"].ToString())}&amp;start={(index + 1) * 1000}&amp;size=1000&amp;max={Pages.Count * 1000}</next></paging>"
            : "";
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">
              <images count="{entries.Length}" maxTimestamp="{max}">{string.Concat(entries.Where(e => !e.StartsWith("<video", StringComparison.Ordinal)))}</images>
              <videos count="0" maxTimestamp="{max}">{string.Concat(entries.Where(e => e.StartsWith("<video", StringComparison.Ordinal)))}</videos>
              {next}
            </queryResult>
            """;
    }
}
