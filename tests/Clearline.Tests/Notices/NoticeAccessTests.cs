using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.InvestigationHolds;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;
using Clearline.Tests.Takedown;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Notices;

/// <summary>Only the assigned hotline composes and sends; an investigation hold refuses the notice; bad input is a 400 naming the field.</summary>
public sealed class NoticeAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task OtherHotlines_AreRefusedOrSeeNothing(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var route = await world.RouteAsync();
        var notice = NoticeWorld.EmailNotice("abuse@host.example");

        var refused = await ProblemAssert.IsProblemAsync(await world.Reporter.PostAsync($"/api/v1/routes/{route}/notices", notice), HttpStatusCode.Forbidden);
        Assert.Equal($"This content is assigned to {world.Hotline.Organisation.Name}; only that hotline sends notices to its host.", refused.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await world.Reporter.PostAsync($"/api/v1/routes/{route}/notices/draft", new { language = "en" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await world.Unrelated.PostAsync($"/api/v1/routes/{route}/notices", notice), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await world.Unrelated.PostAsync($"/api/v1/routes/{route}/notices/draft", new { language = "en" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await world.Unrelated.GetAsync($"/api/v1/routes/{route}/notices"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await world.Hotline.PostAsync($"/api/v1/routes/{Guid.CreateVersion7()}/notices", notice), HttpStatusCode.NotFound);

        Assert.Equal(0, await world.NoticeCountAsync());
        Assert.Equal("Unactioned", (await world.Hotline.TakedownAsync(route)).GetProperty("state").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task InvestigationHold_RefusesTheNotice_AndNothingIsSent(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var route = await world.RouteAsync("https://img.example/abuse/held.png", sha);
        await world.Network.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            db.Add(new InvestigationHold
            {
                OrganisationId = world.Network.Coordinator.Id,
                MediaSha256 = sha,
                Until = DateTimeOffset.UtcNow.AddDays(30),
                Reason = "Case 42: suspect under surveillance",
                ReasonShared = true,
                PlacedAt = DateTimeOffset.UtcNow,
                PlacedByKind = AuditActorKind.System,
            });
            return await db.SaveChangesAsync(Ct);
        });

        var draft = await world.DraftAsync(route);
        var refused = await ProblemAssert.IsProblemAsync(await world.Hotline.PostAsync($"/api/v1/routes/{route}/notices", NoticeWorld.EmailNotice(
            "abuse@host.example", draft.GetProperty("subject").GetString()!, draft.GetProperty("body").GetString()!)), HttpStatusCode.Forbidden);
        Assert.Contains("Record the notice once the hold ends or is lifted.", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, await world.NoticeCountAsync());
        Assert.Equal("Unactioned", (await world.Hotline.TakedownAsync(route)).GetProperty("state").GetString());
        await Task.Delay(300, Ct);
        Assert.Empty(smtp.Received);
    }

    [Theory]
    [BothDatabases]
    public async Task BadInput_IsA400NamingTheField(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var route = await world.RouteAsync();
        var path = $"/api/v1/routes/{route}/notices";

        async Task FieldAsync(object body, string field)
        {
            var problem = await ProblemAssert.IsProblemAsync(await world.Hotline.PostAsync(path, body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for {field}: {problem}");
        }

        await FieldAsync(NoticeWorld.EmailNotice(""), "recipient");
        await FieldAsync(NoticeWorld.EmailNotice("   "), "recipient");
        await FieldAsync(NoticeWorld.EmailNotice("not an address"), "recipient");
        await FieldAsync(NoticeWorld.EmailNotice("abuse@"), "recipient");
        await FieldAsync(NoticeWorld.EmailNotice("Abuse <abuse@host.example>, other@host.example"), "recipient");
        await FieldAsync(new { channel = "Webhook", recipient = "ftp://host.example/abuse", language = "en", subject = "s", body = "b" }, "recipient");
        await FieldAsync(new { channel = "Webhook", recipient = "not a url", language = "en", subject = "s", body = "b" }, "recipient");
        await FieldAsync(NoticeWorld.EmailNotice("abuse@host.example", language: "xx"), "language");
        await FieldAsync(new { channel = "Carrier pigeon", recipient = "abuse@host.example", language = "en", subject = "s", body = "b" }, "channel");
        await FieldAsync(new { recipient = "abuse@host.example", language = "en", subject = "s", body = "b" }, "channel");
        await FieldAsync(NoticeWorld.EmailNotice("abuse@host.example", subject: ""), "subject");
        await FieldAsync(NoticeWorld.EmailNotice("abuse@host.example", subject: "one\ntwo"), "subject");
        await FieldAsync(NoticeWorld.EmailNotice("abuse@host.example", body: ""), "body");
        var draft = await ProblemAssert.IsProblemAsync(await world.Hotline.PostAsync($"/api/v1/routes/{route}/notices/draft", new { language = "xx" }), HttpStatusCode.BadRequest);
        Assert.Contains("use one of en", draft.GetProperty("errors").GetProperty("language")[0].GetString(), StringComparison.Ordinal);

        Assert.Equal(0, await world.NoticeCountAsync());
        Assert.Equal("Unactioned", (await world.Hotline.TakedownAsync(route)).GetProperty("state").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task GatheredNotice_NamesTheHotlinesOtherOpenContentOnTheSameAddress_AndNoticesEachRoute(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var first = await world.RouteAsync("https://img.example/abuse/a.png");
        var second = await world.RouteAsync("https://img.example/abuse/b.png");

        var draft = await world.DraftAsync(first, new { language = "en", gatherSameHost = true });
        var ids = draft.GetProperty("urls").EnumerateArray().Select(u => u.GetProperty("routeId").GetGuid()).ToArray();
        Assert.Equal([first, second], ids);
        Assert.Contains("https://img.example/abuse/b.png", draft.GetProperty("body").GetString(), StringComparison.Ordinal);

        await ProblemAssert.IsSuccessAsync(await world.Hotline.PostAsync($"/api/v1/routes/{first}/notices", NoticeWorld.EmailNotice(
            "abuse@host.example", draft.GetProperty("subject").GetString()!, draft.GetProperty("body").GetString()!, routeIds: ids)));
        Assert.Equal("AwaitingRemoval", (await world.Hotline.TakedownAsync(second)).GetProperty("state").GetString());
        var onSecond = Assert.Single((await world.NoticesAsync(second)).GetProperty("notices").EnumerateArray());
        Assert.Equal(["https://img.example/abuse/a.png", "https://img.example/abuse/b.png"], onSecond.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(2, await world.AuditCountAsync(AuditAction.TakedownActionRecorded));
    }
}
