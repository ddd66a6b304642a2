using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clearline.Media;
using Clearline.Media.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Cluster;

/// <summary>
/// A local site of benign generated images on 127.0.0.1: an index linking to sections of 100 pages, each page
/// showing its own image and one of <see cref="SharedUrls"/> URLs that all serve the same bytes (one media item,
/// found under many URLs).
/// </summary>
internal sealed class ClusterSite : IAsyncDisposable
{
    public const int PagesPerSection = 100;
    public const int SharedUrls = 20;

    private readonly WebApplication _app;

    private ClusterSite(WebApplication app, Uri index, int pages, string[] images, string shared)
    {
        _app = app;
        Index = index;
        Pages = pages;
        ImageSha256 = images;
        SharedSha256 = shared;
    }

    public Uri Index { get; }

    public int Pages { get; }

    public int Sections => (Pages + PagesPerSection - 1) / PagesPerSection;

    /// <summary>SHA-256 of each page's own image, by page number.</summary>
    public IReadOnlyList<string> ImageSha256 { get; }

    /// <summary>SHA-256 of the image every shared URL serves.</summary>
    public string SharedSha256 { get; }

    /// <summary>The index, the sections and the pages.</summary>
    public int PageUrls => 1 + Sections + Pages;

    /// <summary>Each page's image and the shared URLs.</summary>
    public int MediaUrls => Pages + Math.Min(SharedUrls, Pages);

    public static async Task<ClusterSite> StartAsync(int pages)
    {
        var images = Enumerable.Range(0, pages).Select(i => BenignImages.Encode(MediaFormat.Png, 24, 24, 10_000 + i)).ToArray();
        var shared = BenignImages.Encode(MediaFormat.Png, 32, 32, 7);
        var sections = (pages + PagesPerSection - 1) / PagesPerSection;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/", () => Html(string.Concat(Enumerable.Range(0, sections).Select(s => $"<a href=\"/s/{s}\">section {s}</a> "))));
        app.MapGet("/s/{s:int}", (int s) => Html(string.Concat(
            Enumerable.Range(s * PagesPerSection, PagesPerSection).Where(p => p < pages).Select(p => $"<a href=\"/p/{p}\">page {p}</a> "))));
        app.MapGet("/p/{p:int}", (int p) => p < pages
            ? Html($"<h1>Page {p}</h1><img src=\"/img/{p}.png\"><img src=\"/shared/{p % SharedUrls}.png\">")
            : HttpResults.NotFound());
        app.MapGet("/img/{p:int}.png", (int p) => p < pages ? HttpResults.Bytes(images[p], "image/png") : HttpResults.NotFound());
        app.MapGet("/shared/{n:int}.png", () => HttpResults.Bytes(shared, "image/png"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ClusterSite(app, new Uri(address.TrimEnd('/') + "/"), pages, [.. images.Select(Sha256)], Sha256(shared));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Microsoft.AspNetCore.Http.IResult Html(string body) =>
        HttpResults.Content($"<!DOCTYPE html><html><body>{body}</body></html>", "text/html; charset=utf-8", Encoding.UTF8);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
