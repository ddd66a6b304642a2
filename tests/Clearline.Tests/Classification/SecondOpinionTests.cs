using System.Net;
using Clearline.Database;
using Clearline.Media.Tests;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Classification;

public sealed class SecondOpinionTests
{
    [Theory]
    [BothDatabases]
    public async Task AnUnsureItem_MovesToTheSecondOpinionQueue_UntilAColleagueDecides(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var supervisor = await network.ColleagueOfAsync(analyst);
        var unsure = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 20), analyst);
        var other = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 21), analyst);

        await ProblemAssert.IsSuccessAsync(await analyst.PostAsync("/api/v1/assessment/second-opinion", new { sha256 = unsure, note = "Age unclear." }));
        await ProblemAssert.IsSuccessAsync(await analyst.PostAsync("/api/v1/assessment/second-opinion", new { sha256 = unsure.ToUpperInvariant() }));

        Assert.Equal([other], await supervisor.QueueAsync());
        var waiting = Assert.Single((await supervisor.JsonAsync("/api/v1/assessment/second-opinion")).EnumerateArray());
        Assert.Equal((unsure, "Age unclear.", $"/api/v1/media/{unsure}/preview"), (
            waiting.GetProperty("sha256").GetString(), waiting.GetProperty("note").GetString(), waiting.GetProperty("previewUrl").GetString()));

        await supervisor.DecideAsync(unsure, "NotIllegal");

        Assert.Empty((await analyst.JsonAsync("/api/v1/assessment/second-opinion")).EnumerateArray());
        Assert.Equal([other], await analyst.QueueAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task BadRequests_AreRefused_AndLeaveTheQueueAsItWas(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var stranger = await network.JoinAsync("DE");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 22), analyst);

        await ProblemAssert.IsProblemAsync(await analyst.PostAsync("/api/v1/assessment/second-opinion", new { note = "?" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await analyst.PostAsync("/api/v1/assessment/second-opinion", new { sha256 = item, note = new string('x', 1001) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync("/api/v1/assessment/second-opinion", new { sha256 = item }), HttpStatusCode.NotFound);

        Assert.Equal([item], await analyst.QueueAsync());
        Assert.Empty((await analyst.JsonAsync("/api/v1/assessment/second-opinion")).EnumerateArray());
    }
}
