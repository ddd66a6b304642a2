using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Cluster;

/// <summary>
/// A site on 127.0.0.1 between the subscriber and the publisher's feed (<c>/api/v1/federation/feed</c>), as a network
/// path is: it passes requests and answers on, and on the test's word holds one request (so the subscriber can be
/// killed in the middle of a sync) or alters the signed page on its way (as a man in the middle would).
/// </summary>
internal sealed class FeedRelay : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _publisher;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    private FeedRelay(WebApplication app, Uri publisher)
    {
        _app = app;
        _publisher = new HttpClient { BaseAddress = publisher, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The feed URL a subscriber is given.</summary>
    public Uri FeedUrl { get; private set; } = null!;

    /// <summary>Feed requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The request with this number (1 is the first) is held until <see cref="Release"/>, then answered 503.</summary>
    public int? HoldRequest { get; set; }

    /// <summary>Completes when the request of <see cref="HoldRequest"/> has arrived and is being held.</summary>
    public Task Held => _held.Task;

    /// <summary>While set, every NotIllegal verdict of a page is turned into Baseline; the signature is passed on as it came.</summary>
    public bool Tamper { get; set; }

    public static async Task<FeedRelay> StartAsync(Uri publisher, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var relay = new FeedRelay(app, publisher);
        app.MapGet("/api/v1/federation/feed", relay.RelayAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        relay.FeedUrl = new Uri(address.TrimEnd('/') + "/api/v1/federation/feed");
        return relay;
    }

    /// <summary>Lets the held request go (it is answered 503; its asker may be gone).</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        _publisher.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RelayAsync(HttpContext context)
    {
        if (Interlocked.Increment(ref _requests) == HoldRequest)
        {
            _held.TrySetResult();
            await _release.Task;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/federation/feed" + context.Request.QueryString, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        using var answer = await _publisher.SendAsync(request, context.RequestAborted);
        var body = await answer.Content.ReadAsStringAsync(context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "application/json";
        await context.Response.WriteAsync(Tamper && answer.IsSuccessStatusCode ? Altered(body) : body, context.RequestAborted);
    }

    /// <summary>The answer with its page re-encoded after turning NotIllegal into Baseline, and its signature unchanged.</summary>
    private static string Altered(string body)
    {
        var envelope = JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
        var page = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["page"]));
        envelope["page"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page.Replace("\"NotIllegal\"", "\"Baseline\"", StringComparison.Ordinal)));
        return JsonSerializer.Serialize(envelope);
    }
}
