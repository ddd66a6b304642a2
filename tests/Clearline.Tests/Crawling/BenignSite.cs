using System.Collections.Concurrent;
using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Crawling;

/// <summary>
/// A local web site of benign generated images and pages that exercises every extraction case the crawler must
/// handle, plus the awkward ones (HTML behind an image name, an image served as HTML, corrupt bytes, errors).
/// </summary>
internal sealed class BenignSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new();

    /// <summary>A lazy-loading placeholder: a GIF header and nothing else (stored as media that does not decode).</summary>
    private const string Placeholder = "R0lGODlhAQABAAAAACw=";

    private BenignSite()
    {
    }

    public LocalSite Site { get; private set; } = null!;

    /// <summary>SHA-256 of every media item the crawl must find, by the name it was served under.</summary>
    public Dictionary<string, string> ExpectedMedia { get; } = [];

    public Uri Index => Site.Url("/");

    public static async Task<BenignSite> StartAsync()
    {
        var site = new BenignSite();
        var seed = 1;
        foreach (var (name, format) in new[]
        {
            ("img/a.png", MediaFormat.Png), ("img/b.jpg", MediaFormat.Jpeg), ("img/b2x.jpg", MediaFormat.Jpeg), ("img/c.webp", MediaFormat.WebP),
            ("img/c.png", MediaFormat.Png), ("img/lazy.gif", MediaFormat.Gif), ("img/poster.jpg", MediaFormat.Jpeg), ("img/linked.jpg", MediaFormat.Jpeg),
            ("og.png", MediaFormat.Png), ("css-bg.bmp", MediaFormat.Bmp), ("img/p2.png", MediaFormat.Png), ("img/style.jpg", MediaFormat.Jpeg),
            ("img/p3.png", MediaFormat.Png), ("img/frame.png", MediaFormat.Png), ("img/p4.png", MediaFormat.Png),
        })
        {
            site.Media(name, BenignImages.Encode(format, 64, 48, seed++), "image/" + format.ToString().ToLowerInvariant());
        }

        // A video container recognised by its magic bytes: an ISO BMFF 'ftyp' box, then benign filler.
        var mp4 = new byte[4096];
        new Random(7).NextBytes(mp4);
        byte[] box = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8];
        box.CopyTo(mp4, 0);
        site.Media("video/clip.mp4", mp4, "video/mp4");

        var corrupt = new byte[2048];
        new Random(8).NextBytes(corrupt);
        corrupt[0] = 0xFF;
        corrupt[1] = 0xD8;
        corrupt[2] = 0xFF;
        site.Media("img/corrupt.jpg", corrupt, "image/jpeg");

        var disguised = BenignImages.Encode(MediaFormat.Png, 40, 30, 99);
        site.Media("disguised", disguised, "text/html");

        var inline = BenignImages.Encode(MediaFormat.Png, 16, 16, 100);
        site.ExpectedMedia["data-uri"] = BenignBytes.Sha256(inline);
        site.ExpectedMedia["placeholder"] = BenignBytes.Sha256(Convert.FromBase64String(Placeholder));
        site.ExpectedMedia.Remove("img/p4.png"); // beyond the depth limit

        site.Page("", $$"""
            <!DOCTYPE html><html><head><meta property="og:image" content="/og.png">
            <style>.bg { background: url('/css-bg.bmp') }</style><base href="/"></head><body>
            <img src="img/a.png"><img src="./img/a.png#again">
            <img srcset="img/b.jpg 1x, img/b2x.jpg 2x">
            <picture><source srcset="img/c.webp" type="image/webp"><img src="img/c.png"></picture>
            <img data-src="img/lazy.gif" src="data:image/gif;base64,{{Placeholder}}">
            <video poster="img/poster.jpg"><source src="video/clip.mp4" type="video/mp4"></video>
            <a href="img/linked.jpg">full size</a> <a href="page2.html">next</a> <a href="broken.html">broken</a>
            <iframe src="frame.html"></iframe>
            <img src="data:image/png;base64,{{Convert.ToBase64String(inline)}}">
            <img src="fake.jpg"><img src="disguised"><img src="img/missing.png"><img src="img/corrupt.jpg">
            <a href="mailto:someone@example.invalid">mail</a> <a href="javascript:void(0)">js</a>
            </body></html>
            """);
        site.Page("page2.html", """<p>Two<div style="background-image: url(&quot;img/style.jpg&quot;)"></div><img src="/img/p2.png"><a href="page3.html">3</a>""");
        site.Page("page3.html", """<img src="img/p3.png"><a href="page4.html">4</a>""");
        site.Page("page4.html", """<img src="img/p4.png">""");
        site.Page("frame.html", """<img src="img/frame.png">""");
        site.Page("fake.jpg", "<html><body>not an image</body></html>");

        site.Site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/broken.html", () => HttpResults.StatusCode(500));
            app.MapGet("/{**path}", (string? path) =>
                site._files.TryGetValue(path ?? "", out var file) ? HttpResults.Bytes(file.Bytes, file.ContentType) : HttpResults.NotFound());
        });
        return site;
    }

    /// <summary>Replaces what a path serves (for re-check tests), or removes it with null.</summary>
    public void Replace(string path, byte[]? bytes)
    {
        if (bytes is null)
        {
            _files.TryRemove(path, out _);
        }
        else
        {
            _files[path] = (bytes, _files[path].ContentType);
        }
    }

    private void Media(string name, byte[] bytes, string contentType)
    {
        _files[name] = (bytes, contentType);
        ExpectedMedia[name] = BenignBytes.Sha256(bytes);
    }

    private void Page(string name, string html) => _files[name] = (System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
