using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The feedback a public reporter asked for: one e-mail in their language once every URL is decided, sent by a durable
/// job (a mail outage delays it, loses nothing), audited without the address, which is then forgotten.
/// </summary>
public sealed class PublicReportFeedbackTests
{
    private const string Email = "reporter@example.org";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task LastUrlDecided_OneMailInTheReportersLanguage_WithoutFindings_ThenTheAddressIsForgotten(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await StartAsync(provider, smtp.Port);
        var (hotline, client) = await HotlineAsync(app);
        var reference = await SubmitAsync(client, ["https://cats.example.invalid/1", "https://cats.example.invalid/2"], "de-DE");

        await DecideAsync(app, reference, 0, accept: true);
        await WaitForJobsAsync(app, 1);
        Assert.Empty(smtp.Received);
        await DecideAsync(app, reference, 1, accept: false);
        await WaitForJobsAsync(app, 2);

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal([Email], mail.Recipients);
        using var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(mail.Raw)), Ct);
        Assert.Equal($"Ihre Meldung {reference} wurde bearbeitet", message.Subject);
        Assert.Contains($"Ihre Meldung {reference} wurde von {hotline.Name} bearbeitet. Vielen Dank für Ihre Meldung.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://clearline.test.invalid/report/status/{reference}", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cats.example.invalid", mail.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("pictures of a cat", mail.Raw, StringComparison.Ordinal);

        var report = await LoadAsync(app, reference);
        Assert.NotNull(report.FeedbackSentAt);
        Assert.False(report.HasContact);
        var audited = Assert.Single(await AuditAsync(app), e => e.Action == AuditAction.PublicReportFeedbackSent);
        Assert.Equal((hotline.Id, $"public-report:{report.Id:D}", "language=de"), (audited.OrganisationId!.Value, audited.Target, audited.Detail));
        Assert.DoesNotContain(await AuditAsync(app), e => $"{e.Target} {e.Detail}".Contains(Email, StringComparison.Ordinal));

        // Deciding again (a retried job, a late event) sends nothing more.
        await AnnounceAsync(app, reference, 1);
        await Task.Delay(300, Ct);
        Assert.Single(smtp.Received);
    }

    [Theory]
    [BothDatabases]
    public async Task MailServerDown_TheJobRetries_AndTheMailGoesOnceItIsBack(DatabaseProvider provider)
    {
        var port = TestSmtpServer.FreePort();
        await using var app = await StartAsync(provider, port);
        var (_, client) = await HotlineAsync(app);
        var reference = await SubmitAsync(client, ["https://cats.example.invalid/1"], "nl");

        await DecideAsync(app, reference, 0, accept: false);
        var failing = await WaitForAsync(() => app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AsNoTracking()
            .FirstOrDefaultAsync(j => j.Kind == PublicReportFeedbackJob.Kind && j.Attempts >= 2, Ct)));
        Assert.NotNull(failing.LastError);
        var waiting = await LoadAsync(app, reference);
        Assert.Equal((null, true), (waiting.FeedbackSentAt, waiting.HasContact));

        await using var smtp = TestSmtpServer.Start(port);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        using var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(mail.Raw)), Ct);
        Assert.Equal($"Uw melding {reference} is afgehandeld", message.Subject);
        var sent = await WaitForAsync(async () => await LoadAsync(app, reference) is { FeedbackSentAt: not null } done ? done : null);
        Assert.False(sent.HasContact);
    }

    [Theory]
    [BothDatabases]
    public async Task NoFeedbackAsked_NothingIsQueued(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, TestSmtpServer.FreePort());
        var (_, client) = await HotlineAsync(app);
        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports",
            new { urls = new[] { "https://cats.example.invalid/1" }, contactEmail = Email, contactConsent = true }, Ct))).RootElement;

        await DecideAsync(app, created.GetProperty("reference").GetString()!, 0, accept: true);

        Assert.False(await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AnyAsync(j => j.Kind == PublicReportFeedbackJob.Kind, Ct)));
    }

    [Theory]
    [InlineData("de-AT", "Ihre Meldung R wurde bearbeitet")]
    [InlineData("nl", "Uw melding R is afgehandeld")]
    [InlineData("en", "Your report R has been handled")]
    [InlineData("fr", "Your report R has been handled")]
    [InlineData(null, "Your report R has been handled")]
    public void Texts_AreInTheReportersLanguage_EnglishOtherwise(string? language, string subject)
    {
        var (actual, body) = PublicReportFeedbackTexts.For(language, "R", "Hotline", null);

        Assert.Equal(subject, actual);
        Assert.Contains("Hotline", body, StringComparison.Ordinal);
    }

    private static Task<ClearlineTestApp> StartAsync(DatabaseProvider provider, int smtpPort)
    {
        var settings = TestSmtpServer.Settings(smtpPort);
        settings["Workers:Concurrency"] = "4";
        return ClearlineTestApp.StartAsync(provider, settings);
    }

    private static async Task<(Organisation Hotline, HttpClient Client)> HotlineAsync(ClearlineTestApp app)
    {
        var hotline = await app.CreateOrganisationAsync(country: "DE");
        return (hotline, app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.PublicReportsWrite)));
    }

    private static async Task<string> SubmitAsync(HttpClient client, string[] urls, string language)
    {
        var body = new { urls, whatSeen = "pictures of a cat", contactEmail = Email, contactConsent = true, wantsFeedback = true, language };
        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports", body, Ct))).RootElement;
        return created.GetProperty("reference").GetString()!;
    }

    /// <summary>Decides the URL at <paramref name="position"/> as triage does: the report's triage and the decision, and the event, in one unit of work.</summary>
    private static Task<bool> DecideAsync(ClearlineTestApp app, string reference, int position, bool accept) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(Ct);
            var publicReport = await db.Set<PublicReport>().SingleAsync(p => p.Reference == reference, Ct);
            var url = await db.Set<PublicReportUrl>().SingleAsync(u => u.PublicReportId == publicReport.Id && u.Position == position, Ct);
            var report = await db.Set<Report>().SingleAsync(r => r.Id == url.ReportId, Ct);
            report.Triage = accept ? ReportTriage.Accepted : ReportTriage.Closed;
            url.CloseReason = accept ? null : TriageCloseReason.NotIllegal;
            url.DecidedAt = DateTimeOffset.UtcNow;
            await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(new PublicReportUrlDecided(publicReport.OrganisationId, publicReport.Id, url.Id), Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            return true;
        });

    private static Task<bool> AnnounceAsync(ClearlineTestApp app, string reference, int position) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(Ct);
            var publicReport = await db.Set<PublicReport>().SingleAsync(p => p.Reference == reference, Ct);
            var url = await db.Set<PublicReportUrl>().SingleAsync(u => u.PublicReportId == publicReport.Id && u.Position == position, Ct);
            await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(new PublicReportUrlDecided(publicReport.OrganisationId, publicReport.Id, url.Id), Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            return true;
        });

    /// <summary>Waits until <paramref name="count"/> feedback jobs have finished (succeeded).</summary>
    private static Task<object> WaitForJobsAsync(ClearlineTestApp app, int count) =>
        WaitForAsync(async () => await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>()
            .CountAsync(j => j.Kind == PublicReportFeedbackJob.Kind && j.State == JobState.Succeeded, Ct)) >= count ? new object() : null);

    private static Task<PublicReport> LoadAsync(ClearlineTestApp app, string reference) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().AsNoTracking().SingleAsync(p => p.Reference == reference, Ct));

    private static Task<List<AuditEntry>> AuditAsync(ClearlineTestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking().ToListAsync(Ct));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("What the test waited for did not happen within 30 seconds.");
    }
}
