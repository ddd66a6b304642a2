using System.Globalization;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Notices;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;
using Clearline.Tests.Routing;
using Clearline.Tests.Takedown;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Notices;

/// <summary>
/// A takedown network whose mail goes to a real SMTP server on 127.0.0.1 (or a closed port): NL reports, DE hosts and
/// acts, BE sees nothing; with intent steps to compose, send and follow notices.
/// </summary>
internal sealed class NoticeWorld : IAsyncDisposable
{
    public const string LegalBasisDe = "Section 184b of the German Criminal Code (StGB)";

    private NoticeWorld(TakedownNetwork network, Member reporter, Member host, Member unrelated)
    {
        Network = network;
        Reporter = reporter;
        Hotline = host;
        Unrelated = unrelated;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TakedownNetwork Network { get; }

    /// <summary>NL: reported the content; sees the route, does not act on it.</summary>
    public Member Reporter { get; }

    /// <summary>DE: the content is hosted in its country; it sends the notices.</summary>
    public Member Hotline { get; }

    /// <summary>BE: sees nothing of the route.</summary>
    public Member Unrelated { get; }

    /// <summary>Starts the network sending mail to <paramref name="smtpPort"/>, with <paramref name="settings"/> on top.</summary>
    public static async Task<NoticeWorld> StartAsync(DatabaseProvider provider, int smtpPort, Dictionary<string, string?>? settings = null)
    {
        var all = TestSmtpServer.Settings(smtpPort);
        all["Notices:LegalBasis:DE"] = LegalBasisDe;
        all["Notices:AllowPrivateWebhookAddresses"] = "true";
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var network = await TakedownNetwork.StartAsync(provider, all);
        var reporter = await network.AddHotlineAsync("NL");
        var host = await network.AddHotlineAsync("DE");
        var unrelated = await network.AddHotlineAsync("BE");
        return new NoticeWorld(network, reporter, host, unrelated);
    }

    /// <summary>NL reports content found at <paramref name="url"/>, hosted in DE; returns the route (assigned to DE).</summary>
    public Task<Guid> RouteAsync(string url = "https://img.example/abuse/1.png", string sha256 = "") =>
        Network.ReportAndRouteAsync(Reporter, url, "DE", DateTimeOffset.UtcNow.AddHours(-3), sha256);

    public static object EmailNotice(string recipient, string subject = "Notice of illegal content", string body = "Please remove it.", string language = "en", Guid[]? routeIds = null) =>
        new { channel = "Email", recipient, language, subject, body, routeIds };

    /// <summary>Composes the draft in English and sends it as it is, by e-mail to <paramref name="recipient"/>; returns the notice id.</summary>
    public async Task<Guid> SendDraftAsync(Guid routeId, string recipient, string channel = "Email")
    {
        var draft = await DraftAsync(routeId);
        var sent = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await Hotline.PostAsync($"/api/v1/routes/{routeId}/notices", new
        {
            channel,
            recipient,
            language = "en",
            subject = draft.GetProperty("subject").GetString(),
            body = draft.GetProperty("body").GetString(),
        }))).RootElement;
        return sent.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> DraftAsync(Guid routeId, object? body = null) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await Hotline.PostAsync($"/api/v1/routes/{routeId}/notices/draft", body ?? new { language = "en" }))).RootElement;

    public async Task<JsonElement> NoticesAsync(Guid routeId, Member? member = null) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await (member ?? Hotline).GetAsync($"/api/v1/routes/{routeId}/notices"))).RootElement;

    public async Task<JsonElement> NoticeAsync(Guid routeId, Guid noticeId) =>
        (await NoticesAsync(routeId)).GetProperty("notices").EnumerateArray().Single(n => n.GetProperty("id").GetGuid() == noticeId);

    /// <summary>Waits until the notice's delivery satisfies <paramref name="done"/>, and returns it.</summary>
    public async Task<JsonElement> WaitForNoticeAsync(Guid routeId, Guid noticeId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var notice = await NoticeAsync(routeId, noticeId);
            if (done(notice))
            {
                return notice;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The notice did not reach the expected state in time; it is {notice}.");
            await Task.Delay(100, Ct);
        }
    }

    public Task<JsonElement> WaitForStateAsync(Guid routeId, Guid noticeId, string state) =>
        WaitForNoticeAsync(routeId, noticeId, n => n.GetProperty("state").GetString() == state);

    /// <summary>Lets the notice's escalation check run now, as if <c>Takedown:ReminderAfter</c> had passed.</summary>
    public Task LetReminderTimePassAsync(Guid noticeId) => Network.App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var jobId = await db.Set<Notice>().Where(n => n.Id == noticeId).Select(n => n.EscalationJobId).SingleAsync(Ct);
        Assert.NotNull(jobId);
        return await db.Set<Job>().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAfter, DateTimeOffset.UtcNow), Ct);
    });

    /// <summary>Waits until the escalation job of the notice has run.</summary>
    public async Task WaitForEscalationAsync(Guid noticeId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await Network.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var jobId = await db.Set<Notice>().Where(n => n.Id == noticeId).Select(n => n.EscalationJobId).SingleAsync(Ct);
            return await db.Set<Job>().Where(j => j.Id == jobId).Select(j => j.State).SingleAsync(Ct);
        }) is not JobState.Succeeded)
        {
            Assert.True(DateTime.UtcNow < deadline, "The escalation check did not run in time.");
            await Task.Delay(100, Ct);
        }
    }

    public Task<int> AuditCountAsync(AuditAction action) => Network.App.AsSystemAsync(sp =>
        sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().CountAsync(e => e.Action == action, Ct));

    public Task<int> NoticeCountAsync() => Network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Notice>().CountAsync(Ct));

    public static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Network.DisposeAsync();
}
