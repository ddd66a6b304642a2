using System.Globalization;
using System.Text;
using Clearline.Crawling.Extraction;

namespace Clearline.Tests.Crawling.Extraction;

public sealed class HtmlExtractorTests
{
    private static readonly Uri Page = new("https://site.example/dir/page.html");

    [Fact]
    public void Extract_ImgSrc_MediaResolvedAgainstPage()
    {
        var result = Extract("<img src='a.png'>");

        Assert.Equal([new ExtractedLink(new Uri("https://site.example/dir/a.png"), LinkKind.Media, "img@src")], result.Links);
    }

    [Fact]
    public void Extract_SrcsetWithDescriptorsAndCommasInUrls_EveryCandidate()
    {
        var result = Extract("<img srcset='small.jpg 1x, big,2.jpg 2x,wide.jpg 800w, last.jpg'>");

        Assert.Equal(["/dir/small.jpg", "/dir/big,2.jpg", "/dir/wide.jpg", "/dir/last.jpg"], Paths(result));
        Assert.All(result.Links, l => Assert.Equal("img@srcset", l.Source));
    }

    [Fact]
    public void Extract_LazyLoadAttributes_Media()
    {
        var result = Extract("<img src='blank.gif' data-src='lazy1.jpg' data-original='lazy2.jpg' data-srcset='lazy3.jpg 2x'>");

        Assert.Equal(
            ["img@src", "img@data-src", "img@data-original", "img@data-srcset"],
            result.Links.Select(l => l.Source));
    }

    [Fact]
    public void Extract_PictureSources_Media()
    {
        var result = Extract("<picture><source srcset='a.webp' type='image/webp'><source srcset='b.jpg 1x, c.jpg 2x'><img src='d.jpg'></picture>");

        Assert.Equal(["/dir/a.webp", "/dir/b.jpg", "/dir/c.jpg", "/dir/d.jpg"], Paths(result));
        Assert.All(result.Links, l => Assert.Equal(LinkKind.Media, l.Kind));
    }

    [Fact]
    public void Extract_VideoSourceAndPoster_Media()
    {
        var result = Extract("<video src='v.mp4' poster='p.jpg'><source src='v.webm' type='video/webm'></video>");

        Assert.Equal(["video@src", "video@poster", "source@src"], result.Links.Select(l => l.Source));
        Assert.All(result.Links, l => Assert.Equal(LinkKind.Media, l.Kind));
    }

    [Fact]
    public void Extract_AnchorToMediaFile_MediaOtherwisePage()
    {
        var result = Extract("<a href='clip.MP4'>v</a><a href='photo.jpeg?size=2'>p</a><a href='next.html'>n</a><a href='/gallery/'>g</a>");

        Assert.Equal([LinkKind.Media, LinkKind.Media, LinkKind.Page, LinkKind.Page], result.Links.Select(l => l.Kind));
    }

    [Fact]
    public void Extract_IframeAndFrame_Pages()
    {
        var result = Extract("<iframe src='inner.html'></iframe><frameset><frame src='left.html'></frameset>");

        Assert.Equal(
            [("iframe@src", LinkKind.Page)],
            result.Links.Select(l => (l.Source, l.Kind)));
        var frames = Extract("<html><frameset><frame src='left.html'><frame src='right.html'></frameset></html>");
        Assert.Equal(["/dir/left.html", "/dir/right.html"], Paths(frames));
        Assert.All(frames.Links, l => Assert.Equal(LinkKind.Page, l.Kind));
    }

    [Fact]
    public void Extract_StyleAttributeUrl_Media()
    {
        var result = Extract("<div style=\"background-image: url('bg.png'); border-image: url(border.gif)\"></div>");

        Assert.Equal(["/dir/bg.png", "/dir/border.gif"], Paths(result));
        Assert.All(result.Links, l => Assert.Equal("div@style url()", l.Source));
    }

    [Fact]
    public void Extract_StyleElementUrls_QuotesEscapesAndCommentsHandled()
    {
        const string css = """
            <style>
            @import url(theme.css);
            .a { background: URL( "double quoted.png" ) }
            .b { background: url('single\'quote.png') }
            .c { background: url(un\(paren\).png) }
            .d { background: url("\66 ile.png") }
            /* .e { background: url(commented.png) } */
            </style>
            """;

        var result = Extract(css);

        Assert.Equal(["/dir/double%20quoted.png", "/dir/single'quote.png", "/dir/un(paren).png", "/dir/file.png"], Paths(result));
        Assert.All(result.Links, l => Assert.Equal("style url()", l.Source));
    }

    [Fact]
    public void Extract_SocialMetadataAndImageSrc_Media()
    {
        var result = Extract("""
            <head>
            <meta property="og:image" content="https://cdn.example/og.jpg">
            <meta name="twitter:image" content="/tw.jpg">
            <link rel="image_src" href="thumb.jpg">
            <link rel="stylesheet" href="site.css">
            </head>
            """);

        Assert.Equal(
            [("meta og:image", "https://cdn.example/og.jpg"), ("meta twitter:image", "https://site.example/tw.jpg"), ("link@href", "https://site.example/dir/thumb.jpg")],
            result.Links.Select(l => (l.Source, l.Url.AbsoluteUri)));
    }

    [Fact]
    public void Extract_DataUris_Base64AndPercentDecoded()
    {
        var result = Extract("""
            <img src="data:image/png;base64,iVBORw0K GgoAAAA=">
            <img srcset="data:image/gif,GIF89a%01%02 1x">
            <div style="background: url('data:image/svg+xml;charset=utf-8,%3Csvg%3E')"></div>
            """);

        Assert.Equal(3, result.DataUris.Count);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0], result.DataUris[0].Bytes);
        Assert.Equal(("image/png", "img@src"), (result.DataUris[0].DeclaredType, result.DataUris[0].Source));
        Assert.Equal([.. "GIF89a"u8, 0x01, 0x02], result.DataUris[1].Bytes);
        Assert.Equal("<svg>", Encoding.UTF8.GetString(result.DataUris[2].Bytes));
        Assert.Equal("image/svg+xml", result.DataUris[2].DeclaredType);
        Assert.Empty(result.Links);
    }

    [Fact]
    public void Extract_InvalidBase64DataUri_SkippedNotThrown()
    {
        Assert.Empty(Extract("<img src='data:image/png;base64,@@@@'><img src='data:nocomma'>").DataUris);
    }

    [Theory]
    [InlineData("<base href='/other/sub/'>", "https://site.example/other/sub/a.png")]
    [InlineData("<base href='https://cdn.example/root/'>", "https://cdn.example/root/a.png")]
    [InlineData("<base target='_blank'><base href='x/'>", "https://site.example/dir/x/a.png")]
    public void Extract_BaseHref_AppliesToRelativeUrls(string baseElement, string expected)
    {
        var result = Extract($"<head>{baseElement}</head><img src='a.png'>");

        Assert.Equal(expected, Assert.Single(result.Links).Url.AbsoluteUri);
    }

    [Fact]
    public void Extract_RelativeEncodedUrls_ResolvedAndNormalised()
    {
        var result = Extract("<img src='../up.png'><img src='/root.png'><img src='//other.example/p.png'><a href='list?a=1&amp;b=2'>x</a><img src='%7Euser/%e2%82%ac.png'>");

        Assert.Equal(
            ["https://site.example/up.png", "https://site.example/root.png", "https://other.example/p.png",
             "https://site.example/dir/list?a=1&b=2", "https://site.example/dir/~user/%E2%82%AC.png"],
            result.Links.Select(l => l.Url.AbsoluteUri));
    }

    [Fact]
    public void Extract_Windows1252PageViaMeta_DecodedWithDeclaredCharset()
    {
        var html = "<html><head><meta charset=\"windows-1252\"></head><body><img src=\"caf\u00e9.jpg\"></body></html>";

        var result = HtmlExtractor.Extract(Encoding.Latin1.GetBytes(html), "text/html", Page);

        Assert.Equal("https://site.example/dir/caf%C3%A9.jpg", Assert.Single(result.Links).Url.AbsoluteUri);
    }

    [Fact]
    public void Extract_ShiftJisPageViaContentType_DecodedWithHeaderCharset()
    {
        byte[] html = [.. "<img src=\""u8, 0x89, 0xE6, 0x91, 0x9C, .. ".png\">"u8]; // 画像 in Shift_JIS

        var result = HtmlExtractor.Extract(html, "text/html; charset=Shift_JIS", Page);

        Assert.Equal("https://site.example/dir/%E7%94%BB%E5%83%8F.png", Assert.Single(result.Links).Url.AbsoluteUri);
    }

    [Theory]
    [InlineData("<div><img src='a.png'<p><a href='b.html'>unclosed")]
    [InlineData("<<<>>><img src=\"a.png\"></td></tr></table></html></html><a href='b.html'")]
    [InlineData("\0\0\u00ff\u00fe<img src=a.png><a href=b.html>")]
    public void Extract_BrokenMarkup_StillFindsWhatABrowserWould(string html)
    {
        var result = Extract(html);

        Assert.Contains(result.Links, l => l.Url.AbsolutePath == "/dir/a.png");
    }

    [Fact]
    public void Extract_RandomBytes_NeverThrows()
    {
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            HtmlExtractor.Extract(bytes, i % 2 == 0 ? null : "text/html; charset=nonsense", Page);
        }
    }

    [Fact]
    public void Extract_NonHttpSchemes_Ignored()
    {
        var result = Extract("<a href='javascript:alert(1)'>j</a><a href='mailto:a@b.example'>m</a><a href='tel:123'>t</a><img src='ftp://x.example/a.png'><a href='  '>e</a>");

        Assert.Empty(result.Links);
    }

    [Fact]
    public void Extract_SameUrlTwice_KeptOnceWithFirstSource()
    {
        var result = Extract("<img src='a.png'><img data-src='a.png#frag'><a href='a.png'>x</a><a href='p.html'>1</a><a href='p.html'>2</a>");

        Assert.Equal([("img@src", LinkKind.Media), ("a@href", LinkKind.Page)], result.Links.Select(l => (l.Source, l.Kind)));
    }

    [Fact]
    public void Extract_MoreLinksThanCap_StopsAtCapWithReason()
    {
        var html = new StringBuilder();
        for (var i = 0; i < HtmlExtractor.MaxLinks + 50; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href='p{i}.html'>x</a>");
        }

        var result = Extract(html.ToString());

        Assert.Equal(HtmlExtractor.MaxLinks, result.Links.Count);
        Assert.Contains("links", result.Truncated, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_MoreDataUrisThanCap_StopsAtCapWithReason()
    {
        var html = new StringBuilder();
        for (var i = 0; i < HtmlExtractor.MaxDataUris + 5; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<img src='data:text/plain,{i}'>");
        }

        var result = Extract(html.ToString());

        Assert.Equal(HtmlExtractor.MaxDataUris, result.DataUris.Count);
        Assert.Contains("data: URIs", result.Truncated, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_OtherMediaElements_Media()
    {
        var result = Extract("<input type='image' src='btn.png'><object data='o.swf'></object><embed src='e.mp4'><table background='t.gif'></table><svg><image href='s.png'/></svg>");

        Assert.Equal(["input@src", "object@data", "embed@src", "table@background", "image@href"], result.Links.Select(l => l.Source));
    }

    private static ExtractionResult Extract(string html) => HtmlExtractor.Extract(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", Page);

    private static List<string> Paths(ExtractionResult result) => [.. result.Links.Select(l => l.Url.AbsolutePath)];
}
