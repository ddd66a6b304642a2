using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Media.Tests;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.Classification;

/// <summary>Every assessment endpoint: unauthenticated 401, missing scope 403, another hotline's item 404.</summary>
public sealed class AssessmentPermissionTests
{
    private static readonly string[] _reads =
    [
        "/api/v1/assessment/queue", "/api/v1/assessment/second-opinion", "/api/v1/assessment/wellbeing",
        "/api/v1/media/{0}/classifications", "/api/v1/media/{0}/preview",
    ];

    [Theory]
    [BothDatabases]
    public async Task AnotherHotlinesItem_AnswersNotFound_OnEveryEndpoint(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var finder = await network.JoinAsync("NL");
        var stranger = await network.JoinAsync("DE");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 40), finder);

        foreach (var path in new[] { $"/api/v1/media/{item}/classifications", $"/api/v1/media/{item}/preview", $"/api/v1/media/{item}/content" })
        {
            await ProblemAssert.IsProblemAsync(await stranger.GetAsync(path), HttpStatusCode.NotFound);
        }

        await ProblemAssert.IsProblemAsync(await stranger.PostAsync("/api/v1/assessment/second-opinion", new { sha256 = item }), HttpStatusCode.NotFound);
        Assert.Equal("notFound", (await stranger.ClassifyAsync(new { sha256 = item, verdict = "Baseline" }))[0].GetProperty("status").GetString());
        Assert.Empty(await stranger.QueueAsync());
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/v1/media/{new string('0', 64)}/preview"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync("/api/v1/media/not-an-address/content"), HttpStatusCode.NotFound);
    }

    [Theory]
    [BothDatabases]
    public async Task ContentRoutedToAHotline_IsInItsQueue_AndItMayClassifyIt(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var reporter = await network.JoinAsync("NL");
        var host = await network.JoinAsync("DE");
        var bystander = await network.JoinAsync("FR");
        var item = await network.RoutedAsync(BenignImages.SceneJpeg(64, 64, seed: 41), reporter, host);

        Assert.Equal([item], await host.QueueAsync());
        await ProblemAssert.IsSuccessAsync(await host.GetAsync($"/api/v1/media/{item}/preview"));
        await host.DecideAsync(item, "National");
        Assert.Empty(await bystander.QueueAsync());
        await ProblemAssert.IsProblemAsync(await bystander.GetAsync($"/api/v1/media/{item}/classifications"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MissingScopes_AreForbidden_AndNoKeyIsUnauthorised(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 42), analyst);
        var unrelated = (await network.JoinAsync("NL", scopes: ApiScopes.RoutesRead)).Client;
        var readOnly = (await network.JoinAsync("NL", scopes: ApiScopes.AssessmentRead)).Client;
        var anonymous = network.App.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        foreach (var path in _reads.Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, item)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await unrelated.GetAsync(new Uri(path, UriKind.Relative), ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(path, UriKind.Relative), ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync(new Uri($"/api/v1/media/{item}/content", UriKind.Relative), ct)).StatusCode);
        foreach (var path in new[] { "/api/v1/assessment/classifications", "/api/v1/assessment/undo", "/api/v1/assessment/second-opinion", "/api/v1/assessment/heartbeat" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync(new Uri(path, UriKind.Relative), null, ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(new Uri(path, UriKind.Relative), null, ct)).StatusCode);
        }

        Assert.Equal(0, await network.InDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.ContentViewed, ct)));
    }
}
