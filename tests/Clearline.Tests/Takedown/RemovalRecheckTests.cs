using System.Globalization;
using System.Net;
using System.Text.Json;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Clearline.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Takedown;

/// <summary>
/// After a notice the content URL of a real local site is re-checked on a schedule; taking the image down makes the
/// system record Removed with the time to removal; server errors never do.
/// </summary>
public sealed class RemovalRecheckTests
{
    private static readonly DateTimeOffset FirstReceived = new(2026, 1, 5, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OwnReceived = new(2026, 1, 6, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task Notice_ThenImageTakenDown_RecheckRecordsRemovedWithTimeToRemovalFromTheFirstReport(DatabaseProvider provider)
    {
        await using var site = await SwitchableImage.StartAsync();
        await using var network = await TakedownNetwork.StartAsync(provider, Settings(maxRechecks: 10));
        var german = await network.AddHotlineAsync("DE");
        var dutch = await network.AddHotlineAsync("NL");
        // The same image URL reported a day earlier by another hotline: time to removal starts there.
        var earlier = await network.ReportAndRouteAsync(dutch, site.ImageUrl, "DE", FirstReceived, site.Sha256);
        var route = await network.ReportAndRouteAsync(german, site.ImageUrl, "DE", OwnReceived, site.Sha256);
        await AssertQueuesAsync(german, unactioned: [earlier, route], awaiting: [], offline: []);

        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);
        var noticed = await german.TakedownAsync(route);
        Assert.Equal("AwaitingRemoval", noticed.GetProperty("state").GetString());
        var noticeAt = noticed.GetProperty("noticeAt").GetDateTimeOffset();
        var due = noticed.GetProperty("nextRecheckAt").GetDateTimeOffset();
        Assert.Equal(noticeAt + TimeSpan.FromHours(2), due);
        var scheduled = Assert.Single(await network.RechecksAsync(route));
        Assert.Equal(RecheckOutcome.Pending, scheduled.Outcome);
        var job = await network.JobAsync(scheduled.JobId);
        Assert.Equal((RecheckJob.Kind, due), (job.Kind, job.RunAfter));
        await AssertQueuesAsync(german, unactioned: [earlier], awaiting: [route], offline: []);

        // Still online: the next re-check is one interval after this one.
        await network.RunScheduledRecheckAsync(german, route);
        var present = (await network.RechecksAsync(route))[0];
        Assert.Equal(RecheckOutcome.Present, present.Outcome);
        Assert.Equal(present.CheckedAt!.Value + TimeSpan.FromHours(2), (await german.TakedownAsync(route)).GetProperty("nextRecheckAt").GetDateTimeOffset());

        // A server error is not removal.
        site.Status = HttpStatusCode.InternalServerError;
        await network.RunScheduledRecheckAsync(german, route);
        Assert.Equal(RecheckOutcome.Unreachable, (await network.RechecksAsync(route))[1].Outcome);
        await AssertQueuesAsync(german, unactioned: [earlier], awaiting: [route], offline: []);

        // Taken down: the first 404 is not yet confirmation (Crawler:GoneAfterFailures is 2), the second is.
        site.Status = HttpStatusCode.NotFound;
        await network.RunScheduledRecheckAsync(german, route);
        Assert.Equal("AwaitingRemoval", (await german.TakedownAsync(route)).GetProperty("state").GetString());
        await network.RunScheduledRecheckAsync(german, route);

        var rechecks = await network.RechecksAsync(route);
        Assert.Equal([RecheckOutcome.Present, RecheckOutcome.Unreachable, RecheckOutcome.Unreachable, RecheckOutcome.Gone], rechecks.Select(r => r.Outcome));
        var removed = await german.TakedownAsync(route);
        Assert.Equal("Removed", removed.GetProperty("state").GetString());
        Assert.Equal(4, removed.GetProperty("rechecksDone").GetInt32());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("nextRecheckAt").ValueKind);
        var removedAt = removed.GetProperty("removedAt").GetDateTimeOffset();
        Assert.Equal(ToMicroseconds(rechecks[2].CheckedAt!.Value), removedAt);
        Assert.Equal(FirstReceived, removed.GetProperty("firstReportedAt").GetDateTimeOffset());
        Assert.Equal(removedAt - FirstReceived, TimeSpan.Parse(removed.GetProperty("timeToRemoval").GetString()!, CultureInfo.InvariantCulture));
        var system = removed.GetProperty("actions").EnumerateArray().Last();
        Assert.Equal(("Removed", "ContentNotFound", "System"), (system.GetProperty("kind").GetString(), system.GetProperty("reason").GetString(), system.GetProperty("recordedBy").GetString()));
        Assert.Equal(rechecks[3].Id, system.GetProperty("recheckId").GetGuid());
        Assert.Equal(german.Id, system.GetProperty("organisationId").GetGuid());
        await AssertQueuesAsync(german, unactioned: [earlier], awaiting: [], offline: [route]);
        await ProblemAssert.IsProblemAsync(await german.ActAsync(route, "ReportedToHost", "IllegalContent"), HttpStatusCode.Conflict);
    }

    [Theory]
    [BothDatabases]
    public async Task Notice_ServerErrorsOnly_NeverRemovesAndStopsAtTheMaximumOfRechecks(DatabaseProvider provider)
    {
        await using var site = await SwitchableImage.StartAsync();
        site.Status = HttpStatusCode.InternalServerError;
        await using var network = await TakedownNetwork.StartAsync(provider, Settings(maxRechecks: 2));
        var hotline = await network.AddHotlineAsync("DE");
        var route = await network.ReportAndRouteAsync(hotline, site.ImageUrl, "DE", OwnReceived, site.Sha256);
        Assert.Equal(HttpStatusCode.Created, (await hotline.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);

        await network.RunScheduledRecheckAsync(hotline, route);
        await network.RunScheduledRecheckAsync(hotline, route);

        Assert.Equal([RecheckOutcome.Unreachable, RecheckOutcome.Unreachable], (await network.RechecksAsync(route)).Select(r => r.Outcome));
        var takedown = await hotline.TakedownAsync(route);
        Assert.Equal("AwaitingRemoval", takedown.GetProperty("state").GetString());
        Assert.True(takedown.GetProperty("rechecksStopped").GetBoolean());
        Assert.Equal(JsonValueKind.Null, takedown.GetProperty("removedAt").ValueKind);
        await AssertQueuesAsync(hotline, unactioned: [], awaiting: [route], offline: []);

        // The analyst decides: Unavailable is final and moves it offline.
        Assert.Equal(HttpStatusCode.Created, (await hotline.ActAsync(route, "Unavailable", "Error503OrContentTemporarilyUnavailable")).StatusCode);
        await AssertQueuesAsync(hotline, unactioned: [], awaiting: [], offline: [route]);
    }

    [Theory]
    [BothDatabases]
    public async Task RecheckNow_StillOnlineKeepsTheSchedule_GoneRecordsRemoval(DatabaseProvider provider)
    {
        await using var site = await SwitchableImage.StartAsync();
        await using var network = await TakedownNetwork.StartAsync(provider, Settings(maxRechecks: 10, goneAfterFailures: 1));
        var german = await network.AddHotlineAsync("DE");
        var dutch = await network.AddHotlineAsync("NL");
        var route = await network.ReportAndRouteAsync(dutch, site.ImageUrl, "DE", OwnReceived, site.Sha256);

        // Before a notice there is nothing to confirm; another hotline may not ask.
        await ProblemAssert.IsProblemAsync(await german.RecheckNowAsync(route), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);
        await ProblemAssert.IsProblemAsync(await dutch.RecheckNowAsync(route), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await german.RecheckNowAsync(Guid.NewGuid()), HttpStatusCode.NotFound);
        var due = (await german.TakedownAsync(route)).GetProperty("nextRecheckAt").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.Accepted, (await german.RecheckNowAsync(route)).StatusCode);
        await WaitForRechecksAsync(network, route, RecheckOutcome.Present);
        var stillOnline = await german.TakedownAsync(route);
        Assert.Equal(("AwaitingRemoval", due), (stillOnline.GetProperty("state").GetString(), stillOnline.GetProperty("nextRecheckAt").GetDateTimeOffset()));

        site.Status = HttpStatusCode.NotFound;
        Assert.Equal(HttpStatusCode.Accepted, (await german.RecheckNowAsync(route)).StatusCode);
        var rechecks = await WaitForRechecksAsync(network, route, RecheckOutcome.Present, RecheckOutcome.Gone);

        var removed = await german.TakedownAsync(route);
        Assert.Equal("Removed", removed.GetProperty("state").GetString());
        Assert.Equal(ToMicroseconds(rechecks[^1].CheckedAt!.Value), removed.GetProperty("removedAt").GetDateTimeOffset());
        Assert.Equal(OwnReceived, removed.GetProperty("firstReportedAt").GetDateTimeOffset());
        await ProblemAssert.IsProblemAsync(await german.RecheckNowAsync(route), HttpStatusCode.Conflict);
    }

    /// <summary>Waits until the route's re-checks that have run (the scheduled one still pending aside) show <paramref name="expected"/>.</summary>
    private static async Task<List<Recheck>> WaitForRechecksAsync(TakedownNetwork network, Guid route, params RecheckOutcome[] expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var done = (await network.RechecksAsync(route)).Where(r => r.Outcome != RecheckOutcome.Pending).ToList();
            if (done.Select(r => r.Outcome).SequenceEqual(expected))
            {
                return done;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Re-checks were {string.Join(", ", done.Select(r => r.Outcome))}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static Dictionary<string, string?> Settings(int maxRechecks, int goneAfterFailures = 2) => new()
    {
        ["Crawler:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Crawler:ConnectTimeout"] = "00:00:05",
        ["Crawler:GoneAfterFailures"] = goneAfterFailures.ToString(CultureInfo.InvariantCulture),
        ["Workers:PollInterval"] = "00:00:00.200",
        ["Takedown:RecheckInterval"] = "02:00:00",
        ["Takedown:MaxRechecks"] = maxRechecks.ToString(CultureInfo.InvariantCulture),
    };

    /// <remarks>Compared as sets: two routes made in the same millisecond have no defined order between them.</remarks>
    private static async Task AssertQueuesAsync(Member hotline, Guid[] unactioned, Guid[] awaiting, Guid[] offline)
    {
        Assert.Equal(unactioned.Order(), (await hotline.TakedownQueueAsync("unactioned")).Order());
        Assert.Equal(awaiting.Order(), (await hotline.TakedownQueueAsync("awaiting-recheck")).Order());
        Assert.Equal(offline.Order(), (await hotline.TakedownQueueAsync("offline")).Order());
    }

    private static DateTimeOffset ToMicroseconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));

    /// <summary>A local site serving one benign image, or the status code a test switches it to.</summary>
    private sealed class SwitchableImage : IAsyncDisposable
    {
        private readonly byte[] _image = BenignImages.Encode(MediaFormat.Png, 64, 48, 42);

        private LocalSite _site = null!;

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public string ImageUrl => _site.Url("/img/a.png").AbsoluteUri;

        public string Sha256 => BenignBytes.Sha256(_image);

        public static async Task<SwitchableImage> StartAsync()
        {
            var image = new SwitchableImage();
            image._site = await LocalSite.StartAsync(app => app.MapGet("/img/a.png", () =>
                image.Status == HttpStatusCode.OK ? HttpResults.Bytes(image._image, "image/png") : HttpResults.StatusCode((int)image.Status)));
            return image;
        }

        public ValueTask DisposeAsync() => _site.DisposeAsync();
    }
}
