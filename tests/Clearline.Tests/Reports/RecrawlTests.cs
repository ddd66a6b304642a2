using System.Text.Json;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Reports;

/// <summary>A URL the network last crawled more than <c>Reports:RecrawlAfter</c> ago is crawled again, linked to its first report.</summary>
public sealed class RecrawlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Repeat_WithinTheWindow_IsADuplicateWithoutACrawl(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (_, client) = await IntakeApp.HotlineAsync(app, "NL");
        var first = await IntakeApp.SubmitAsync(client, new { url = "https://board.example.invalid/thread/1" });
        await CrawledAgoAsync(app, first.GetProperty("id").GetGuid(), TimeSpan.FromDays(6));

        var repeat = await IntakeApp.SubmitAsync(client, new { url = "https://board.example.invalid/thread/1" });

        Assert.Equal(first.GetProperty("id").GetGuid(), repeat.GetProperty("duplicateOf").GetProperty("reportId").GetGuid());
        Assert.Equal(JsonValueKind.Null, repeat.GetProperty("crawl").ValueKind);
        Assert.Equal(1, await IntakeApp.CrawlCountAsync(app));
        Assert.Equal([AuditAction.ReportSubmitted, AuditAction.ReportLinkedAsDuplicate], await AuditedAsync(app, repeat.GetProperty("id").GetGuid()));
    }

    [Theory]
    [BothDatabases]
    public async Task Repeat_BeyondTheWindow_IsCrawledAgainLinkedToTheFirstReport_AndAudited(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (_, dutch) = await IntakeApp.HotlineAsync(app, "NL");
        var (_, german) = await IntakeApp.HotlineAsync(app, "DE");
        var first = await IntakeApp.SubmitAsync(dutch, new { url = "https://board.example.invalid/thread/2" });
        var firstId = first.GetProperty("id").GetGuid();
        await CrawledAgoAsync(app, firstId, TimeSpan.FromDays(8));

        var again = await IntakeApp.SubmitAsync(german, new { url = "https://BOARD.example.invalid/thread/2#new" });
        var againId = again.GetProperty("id").GetGuid();

        Assert.Equal(firstId, again.GetProperty("duplicateOf").GetProperty("reportId").GetGuid());
        Assert.Equal("queued", again.GetProperty("crawl").GetProperty("state").GetString());
        Assert.Equal("Assessment", again.GetProperty("stage").GetString());
        Assert.Equal(2, await IntakeApp.CrawlCountAsync(app));
        var crawl = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Crawl>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(c => c.ReportId == againId, Ct));
        Assert.Equal(CrawlState.Queued, crawl.State);
        Assert.Equal([AuditAction.ReportSubmitted, AuditAction.ReportRecrawled], await AuditedAsync(app, againId));
        var detail = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.ReportRecrawled).Select(e => e.Detail).SingleAsync(Ct));
        Assert.Contains(firstId.ToString("D"), detail, StringComparison.Ordinal);

        // The network has just seen it again: the next repeat is a plain duplicate of the first report.
        var third = await IntakeApp.SubmitAsync(dutch, new { url = "https://board.example.invalid/thread/2" });
        Assert.Equal(firstId, third.GetProperty("duplicateOf").GetProperty("reportId").GetGuid());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("crawl").ValueKind);
        Assert.Equal(2, await IntakeApp.CrawlCountAsync(app));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("366.00:00:00")]
    public void Options_RecrawlAfterOutOfRange_FailsNamingTheSetting(string value)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:RecrawlAfter"] = value }).Build());
        services.AddReports();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReportOptions>>().Value);
        Assert.Contains("Reports:RecrawlAfter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Default_IsSevenDays()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddReports();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromDays(7), provider.GetRequiredService<IOptions<ReportOptions>>().Value.RecrawlAfter);
    }

    /// <summary>Moves the report's crawl back in time, as if the network had crawled the URL <paramref name="ago"/>.</summary>
    private static Task<int> CrawledAgoAsync(ClearlineTestApp app, Guid reportId, TimeSpan ago) => app.AsSystemAsync(sp =>
    {
        var at = DateTimeOffset.UtcNow - ago;
        return sp.GetRequiredService<ClearlineDbContext>().Set<Crawl>().IgnoreQueryFilters().Where(c => c.ReportId == reportId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, at), Ct);
    });

    private static Task<List<AuditAction>> AuditedAsync(ClearlineTestApp app, Guid reportId) => app.AsSystemAsync(sp =>
    {
        var target = reportId.ToString("D");
        return sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().Where(e => e.Target == target)
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Ct);
    });
}
