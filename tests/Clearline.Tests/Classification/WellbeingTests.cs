using System.Net;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Media.Tests;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.Classification;

public sealed class WellbeingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Counters_CountEachMinuteOnce_AtMostOnePerHeartbeat_AndStartAgainEachUtcDay(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 23, 57, 5, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(Options.Create(new WellbeingOptions { DailySoftLimit = TimeSpan.FromMinutes(3) }));
            services.AddScoped<Wellbeing>();
        });
        var analyst = Guid.CreateVersion7();
        Task<WellbeingToday> Beat() => database.InScopeAsync(sp => sp.GetRequiredService<Wellbeing>().HeartbeatAsync(analyst, Ct));

        Assert.Equal(1, (await Beat()).Minutes);
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(1, (await Beat()).Minutes);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, (await Beat()).Minutes);
        await database.InScopeAsync(sp => sp.GetRequiredService<Wellbeing>().CountRevealAsync(analyst, Ct));
        await database.InScopeAsync(sp => sp.GetRequiredService<Wellbeing>().CountRevealAsync(analyst, Ct));
        clock.Advance(TimeSpan.FromSeconds(55));
        var late = await Beat();
        Assert.Equal((3, 2, true), (late.Minutes, late.Reveals, late.OverLimit));

        clock.Advance(TimeSpan.FromMinutes(2));
        var tomorrow = await Beat();
        Assert.Equal((new DateOnly(2026, 3, 3), 1, 0, false), (tomorrow.Day, tomorrow.Minutes, tomorrow.Reveals, tomorrow.OverLimit));
        var other = await database.InScopeAsync(sp => sp.GetRequiredService<Wellbeing>().TodayAsync(Guid.CreateVersion7(), Ct));
        Assert.Equal((0, 0), (other.Minutes, other.Reveals));
    }

    [Theory]
    [BothDatabases]
    public async Task Api_ShowsTheAnalystsDay_AgainstTheConfiguredSoftLimit_WithTheirFilters(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider, new() { ["Wellbeing:DailySoftLimit"] = "00:01:00" });
        var analyst = await network.JoinAsync("NL");
        var colleague = await network.ColleagueOfAsync(analyst);
        var item = await network.FoundAsync(BenignImages.SceneJpeg(32, 32, seed: 50), analyst);

        var start = await analyst.JsonAsync("/api/v1/assessment/wellbeing");
        Assert.Equal((0, 0, "00:01:00", false, 50, true), (
            start.GetProperty("revealsToday").GetInt32(), start.GetProperty("minutesToday").GetInt32(), start.GetProperty("dailySoftLimit").GetString(),
            start.GetProperty("overLimit").GetBoolean(), start.GetProperty("filters").GetProperty("blurStrength").GetInt32(),
            start.GetProperty("filters").GetProperty("greyscale").GetBoolean()));

        await ProblemAssert.IsSuccessAsync(await analyst.PostAsync("/api/v1/assessment/heartbeat"));
        await ProblemAssert.IsSuccessAsync(await analyst.GetAsync($"/api/v1/media/{item}/content"));
        await ProblemAssert.IsSuccessAsync(await analyst.PutAsync("/api/v1/assessment/wellbeing/filters", new { blurStrength = 80, greyscale = false }));
        await ProblemAssert.IsProblemAsync(await analyst.PutAsync("/api/v1/assessment/wellbeing/filters", new { blurStrength = 101, greyscale = true }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await analyst.PutAsync("/api/v1/assessment/wellbeing/filters", new { blurStrength = 10 }), HttpStatusCode.BadRequest);

        var now = await analyst.JsonAsync("/api/v1/assessment/wellbeing");
        Assert.Equal((1, 1, true, 80, false), (
            now.GetProperty("revealsToday").GetInt32(), now.GetProperty("minutesToday").GetInt32(), now.GetProperty("overLimit").GetBoolean(),
            now.GetProperty("filters").GetProperty("blurStrength").GetInt32(), now.GetProperty("filters").GetProperty("greyscale").GetBoolean()));
        var theirs = await colleague.JsonAsync("/api/v1/assessment/wellbeing");
        Assert.Equal((0, 0), (theirs.GetProperty("revealsToday").GetInt32(), theirs.GetProperty("minutesToday").GetInt32()));
    }
}
