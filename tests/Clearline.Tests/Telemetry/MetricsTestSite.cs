using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Telemetry;

/// <summary>Three pages and four benign generated images: a crawl of it fetches 7 URLs and hashes 4 items.</summary>
internal static class MetricsTestSite
{
    public const int Pages = 3;
    public const int Images = 4;

    public static Task<LocalSite> StartAsync() => LocalSite.StartAsync(app =>
    {
        app.MapGet("/", () => Page("""<a href="/p1.html">one</a> <a href="/p2.html">two</a> <img src="/img/1.png">"""));
        app.MapGet("/p1.html", () => Page("""<img src="/img/2.png"> <img src="/img/3.png">"""));
        app.MapGet("/p2.html", () => Page("""<img src="/img/4.png"> <a href="/">home</a>"""));
        app.MapGet("/img/{n:int}.png", (int n) => n is >= 1 and <= Images
            ? HttpResults.Bytes(BenignImages.Encode(MediaFormat.Png, 64, 48, 100 + n), "image/png")
            : HttpResults.NotFound());
    });

    private static Microsoft.AspNetCore.Http.IResult Page(string body) =>
        HttpResults.Content($"<!doctype html><html><head><title>benign</title></head><body>{body}</body></html>", "text/html");
}
