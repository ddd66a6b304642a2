using Clearline.Audit;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;
using Clearline.Tests.Takedown;
using MimeKit;

namespace Clearline.Tests.Notices;

/// <summary>Content still online <c>Takedown:ReminderAfter</c> after the notice gets a reminder; after the reminder, the host is flagged unresponsive.</summary>
public sealed class NoticeEscalationTests
{
    [Theory]
    [BothDatabases]
    public async Task ContentStillOnline_GetsAReminder_ThenTheHostIsFlaggedUnresponsive(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port, new() { ["Takedown:ReminderAfter"] = "3.00:00:00" });
        var route = await world.RouteAsync("https://img.example/abuse/stays.png");
        var noticeId = await world.SendDraftAsync(route, "abuse@host.example");
        var sent = await world.WaitForStateAsync(route, noticeId, "Sent");
        var due = sent.GetProperty("escalationDueAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(3), due - sent.GetProperty("sentAt").GetDateTimeOffset());

        // ReminderAfter passes with the content still online (the takedown awaits removal): a reminder to the same recipient.
        await world.LetReminderTimePassAsync(noticeId);
        var mails = await smtp.WaitForAsync(2);
        var reminderMail = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mails[1].Raw)), TestContext.Current.CancellationToken);
        Assert.Equal(["abuse@host.example"], mails[1].Recipients);
        Assert.StartsWith("Reminder:", reminderMail.Subject, StringComparison.Ordinal);
        Assert.Contains("https://img.example/abuse/stays.png", reminderMail.TextBody, StringComparison.Ordinal);
        Assert.Contains(route.ToString("D"), reminderMail.TextBody, StringComparison.Ordinal);

        var timeline = (await world.NoticesAsync(route)).GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(2, timeline.Count);
        var reminder = timeline[1];
        Assert.Equal("Reminder", reminder.GetProperty("kind").GetString());
        Assert.Equal(noticeId, reminder.GetProperty("remindsNoticeId").GetGuid());
        var reminderId = reminder.GetProperty("id").GetGuid();
        await world.WaitForStateAsync(route, reminderId, "Sent");
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.NoticeReminderSent));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await world.NoticesAsync(route)).GetProperty("unresponsiveSince").ValueKind);

        // ReminderAfter passes again: the host is flagged unresponsive, on the route and in the hotline's queue.
        await world.LetReminderTimePassAsync(reminderId);
        await world.WaitForEscalationAsync(reminderId);
        var notices = await world.NoticesAsync(route);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, notices.GetProperty("unresponsiveSince").ValueKind);
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.HostFlaggedUnresponsive));
        var queue = System.Text.Json.JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await world.Hotline.GetAsync("/api/v1/notices/unresponsive"))).RootElement;
        Assert.Equal([route], queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("routeId").GetGuid()));
        var reporterQueue = System.Text.Json.JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await world.Reporter.GetAsync("/api/v1/notices/unresponsive"))).RootElement;
        Assert.Empty(reporterQueue.GetProperty("items").EnumerateArray());
        Assert.Equal(2, smtp.Received.Count);

        // The hotline refers it to police as suggested; the content is still awaited, so it stays in the queue until removed.
        await ProblemAssert.IsSuccessAsync(await world.Hotline.ActAsync(route, "ReportedToLea", "HostUnresponsive"));
        await ProblemAssert.IsSuccessAsync(await world.Hotline.ActAsync(route, "Removed", "HostConfirmedRemoval"));
        var after = System.Text.Json.JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await world.Hotline.GetAsync("/api/v1/notices/unresponsive"))).RootElement;
        Assert.Empty(after.GetProperty("items").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await world.NoticesAsync(route)).GetProperty("unresponsiveSince").ValueKind);
    }

    [Theory]
    [BothDatabases]
    public async Task ContentRemovedBeforeReminderAfter_GetsNoReminder(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var route = await world.RouteAsync();
        var noticeId = await world.SendDraftAsync(route, "abuse@host.example");
        await world.WaitForStateAsync(route, noticeId, "Sent");
        await ProblemAssert.IsSuccessAsync(await world.Hotline.ActAsync(route, "Removed", "HostConfirmedRemoval"));

        await world.LetReminderTimePassAsync(noticeId);
        await world.WaitForEscalationAsync(noticeId);

        Assert.Single((await world.NoticesAsync(route)).GetProperty("notices").EnumerateArray());
        Assert.Single(smtp.Received);
        Assert.Equal(0, await world.AuditCountAsync(AuditAction.NoticeReminderSent));
    }
}
