using System.IO.Compression;
using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Http;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>Hostile servers: slow, silent, endless, or compressed to explode. Each is cut off by a limit.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Fetch_ServerDripsOneByteASecond_TimesOutAtTheTotalLimit()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/drip", async (HttpContext context) =>
        {
            context.Response.ContentLength = 1_000_000;
            await context.Response.StartAsync(context.RequestAborted);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync("x"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            }
        }));
        using var fetcher = FetcherKit.Create(o =>
        {
            o.ReadTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
        });

        var result = await fetcher.FetchAsync(site.Url("/drip"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Timeout, result.Error?.Kind);
        Assert.Contains("took longer", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(200, result.StatusCode);
        Assert.True(result.Body.IsEmpty);
    }

    [Fact]
    public async Task Fetch_ServerGoesSilentAfterHeaders_TimesOutAtTheReadLimit()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/silent", async (HttpContext context) =>
        {
            context.Response.ContentLength = 100;
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        using var fetcher = FetcherKit.Create(o => o.ReadTimeout = TimeSpan.FromSeconds(1));

        var result = await fetcher.FetchAsync(site.Url("/silent"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Timeout, result.Error?.Kind);
        Assert.Contains("No data arrived", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task Fetch_ContentLengthOverTheLimit_FailsBeforeReading()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/big", async (HttpContext context) =>
        {
            context.Response.ContentLength = 2L * 1024 * 1024 * 1024;
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        using var fetcher = FetcherKit.Create(o => o.MaxMediaBytes = 1024 * 1024);

        var result = await fetcher.FetchAsync(site.Url("/big"), FetchPurpose.Media, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.TooLarge, result.Error?.Kind);
        Assert.Contains("Content-Length", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task Fetch_PageAndMediaLimits_AreSeparate()
    {
        var payload = new byte[200 * 1024];
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/item", () => HttpResults.Bytes(payload, "image/png")));
        using var fetcher = FetcherKit.Create(o =>
        {
            o.MaxPageBytes = 100 * 1024;
            o.MaxMediaBytes = 300 * 1024;
        });

        var asPage = await fetcher.FetchAsync(site.Url("/item"), FetchPurpose.Page, FetcherKit.Ct);
        var asMedia = await fetcher.FetchAsync(site.Url("/item"), FetchPurpose.Media, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.TooLarge, asPage.Error?.Kind);
        Assert.True(asMedia.Succeeded, asMedia.Error?.Message);
        Assert.Equal(payload.Length, asMedia.Body.Length);
    }

    [Fact]
    public async Task Fetch_GzipBombExpandingToGigabytes_FailsAsDecompressionBomb()
    {
        var member = GzipOfZeros(16 * 1024 * 1024);
        var served = 0L;
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/bomb", async (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "text/html";
            // 128 gzip members of 16 MiB each: 2 GiB once decompressed, about 2 MiB on the wire.
            for (var i = 0; i < 128 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(member, context.RequestAborted);
                Interlocked.Add(ref served, member.Length);
            }
        }));
        using var fetcher = FetcherKit.Create(o =>
        {
            o.MaxPageBytes = 512L * 1024 * 1024;
            o.MaxDecompressionRatio = 100;
        });

        var result = await fetcher.FetchAsync(site.Url("/bomb"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.DecompressionBomb, result.Error?.Kind);
        Assert.True(result.Body.IsEmpty);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Fetch_CompressedPage_IsDecompressed(string encoding)
    {
        var text = string.Concat(Enumerable.Repeat("<p>benign gradient test page</p>", 200));
        var compressed = Compress(encoding, System.Text.Encoding.UTF8.GetBytes(text));
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/page", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = encoding;
            return HttpResults.Bytes(compressed, "text/html");
        }));
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/page"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Fetch_CorruptGzip_FailsWithProtocol()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/page", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return HttpResults.Bytes("definitely not gzip"u8.ToArray(), "text/html");
        }));
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/page"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Protocol, result.Error?.Kind);
    }

    private static byte[] GzipOfZeros(int length)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[length]);
        }

        return output.ToArray();
    }

    private static byte[] Compress(string encoding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
