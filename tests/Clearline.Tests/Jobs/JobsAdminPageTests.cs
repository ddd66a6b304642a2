using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Jobs;

public sealed class JobsAdminPageTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Theory]
    [BothDatabases]
    public async Task SystemAdmin_SeesFailedJobWithItsError_AndRetryRequeuesItAudited(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var coordinator = await app.CreateOrganisationAsync(OrganisationKind.Coordinator);
        var admin = await app.CreateUserAsync(coordinator, Role.SystemAdmin);
        var jobId = await EnqueueFailedAsync(app, "System.InvalidOperationException: the host <b>refused</b>");
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, admin.User.Email!, admin.OneTimePassword);

        var html = await browser.OpenAsync("/Admin/Jobs");

        Assert.Contains(jobId.ToString(), html, StringComparison.Ordinal);
        Assert.Contains("the host &lt;b&gt;refused&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Failed\">1<", html, StringComparison.Ordinal);

        using var retried = await browser.SubmitAsync(html, $"/Admin/Jobs?handler=Retry&id={jobId}");
        SignInSteps.AssertRedirect(retried, "/Admin/Jobs");
        Assert.Contains("queued again", await browser.OpenAsync("/Admin/Jobs"), StringComparison.Ordinal);
        var (job, audited) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var row = await db.Set<Job>().AsNoTracking().SingleAsync(j => j.Id == jobId);
            var entry = await db.Set<AuditEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Action == AuditAction.JobRetried && e.Target == $"job:{jobId:D}");
            return (row, entry);
        });
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(0, job.Attempts);
        Assert.NotNull(audited);
        Assert.Equal(admin.User.Id.ToString("D"), audited.ActorId);
    }

    [Fact]
    public async Task Analyst_IsDeniedThePageAndTheRetry()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        var jobId = await EnqueueFailedAsync(app, "System.Exception: kept");
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        using var page = await browser.GetAsync("/Admin/Jobs");
        var home = await browser.OpenAsync("/");
        using var retry = await browser.SubmitAsync(home, $"/Admin/Jobs?handler=Retry&id={jobId}");

        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET answered {(int)page.StatusCode}");
        Assert.DoesNotContain(jobId.ToString(), await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(retry.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"POST answered {(int)retry.StatusCode}");
        if (page.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var state = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().Where(j => j.Id == jobId).Select(j => j.State).SingleAsync());
        Assert.Equal(JobState.Failed, state);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        using var browser = new Browser(app.App.GetTestServer());

        using var response = await browser.GetAsync("/Admin/Jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A job dead-lettered the way a worker leaves it.</summary>
    private static Task<Guid> EnqueueFailedAsync(ClearlineTestApp app, string error) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var job = sp.GetRequiredService<JobQueue>().Enqueue("test", new { }, maxAttempts: 1);
            job.State = JobState.Failed;
            job.Attempts = 1;
            job.LastError = error;
            job.CompletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return job.Id;
        });
}
