using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.PublicReporting;
using Clearline.Retention;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>Retention clears what a public reporter gave about themselves after <c>PublicReporting:ReporterDataRetention</c>, audited with counts only.</summary>
public sealed class PublicReporterRetentionTests
{
    private const string Email = "reporter@example.org";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Run_ClearsContactWhatSeenAndWhereFound_OfReportsPastTheRetention_AndKeepsTheReference(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.PublicReportsWrite));
        var old = await SubmitAsync(client, "https://cats.example.invalid/old");
        var recent = await SubmitAsync(client, "https://cats.example.invalid/recent");
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var report = await db.Set<PublicReport>().SingleAsync(p => p.Reference == old, Ct);
            db.Entry(report).Property(p => p.CreatedAt).CurrentValue = DateTimeOffset.UtcNow - TimeSpan.FromDays(91);
            return await db.SaveChangesAsync(Ct);
        });

        var dry = await RunAsync(app, dryRun: true);
        var oldId = (await LoadAsync(app, old)).Id;
        Assert.Equal([oldId], dry.PublicReporterData);
        Assert.True((await LoadAsync(app, old)).HasContact);

        var run = await RunAsync(app, dryRun: false);

        Assert.Equal([oldId], run.PublicReporterData);
        var cleared = await LoadAsync(app, old);
        Assert.Equal((false, null, null, true), (cleared.HasContact, cleared.WhatSeen, cleared.WhereFound, cleared.ReporterDataClearedAt is not null));
        Assert.Equal(old, cleared.Reference);
        var status = await app.AsSystemAsync(sp => sp.GetRequiredService<PublicReportStatuses>().FindAsync(old, Ct));
        Assert.Equal(PublicReportStatus.Received, status!.Status);
        var kept = await LoadAsync(app, recent);
        Assert.Equal((true, "pictures of a cat", "a link in a forum", false), (kept.HasContact, kept.WhatSeen, kept.WhereFound, kept.ReporterDataClearedAt is not null));

        var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking().ToListAsync(Ct));
        var audited = Assert.Single(entries, e => e.Action == AuditAction.PublicReporterDataCleared);
        Assert.Equal((hotline.Id, "public-reports", "public-reports=1 reason=retention"), (audited.OrganisationId!.Value, audited.Target, audited.Detail));
        Assert.Contains(entries, e => e.Action == AuditAction.RetentionRun && e.Detail!.Contains("public-reporter-data=1", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => $"{e.Target} {e.Detail}".Contains(Email, StringComparison.Ordinal) || $"{e.Target} {e.Detail}".Contains("cat", StringComparison.Ordinal));

        Assert.Empty((await RunAsync(app, dryRun: false)).PublicReporterData);
    }

    [Theory]
    [BothDatabases]
    public async Task Run_LeavesAPublicReportAlone_WhileALegalHoldHoldsOneOfItsUrls(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.PublicReportsWrite));
        var reference = await SubmitAsync(client, "https://cats.example.invalid/held");
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var report = await db.Set<PublicReport>().SingleAsync(p => p.Reference == reference, Ct);
            db.Entry(report).Property(p => p.CreatedAt).CurrentValue = DateTimeOffset.UtcNow - TimeSpan.FromDays(91);
            var url = await db.Set<PublicReportUrl>().SingleAsync(u => u.PublicReportId == report.Id, Ct);
            db.Add(new LegalHold { OrganisationId = hotline.Id, Subject = HoldSubject.Report, ReportId = url.ReportId, Reason = "court order", PlacedAt = DateTimeOffset.UtcNow, PlacedByKind = AuditActorKind.System });
            return await db.SaveChangesAsync(Ct);
        });

        var run = await RunAsync(app, dryRun: false);

        Assert.Empty(run.PublicReporterData);
        Assert.Equal(1, run.HeldReports);
        Assert.True((await LoadAsync(app, reference)).HasContact);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string url)
    {
        var body = new { urls = new[] { url }, whatSeen = "pictures of a cat", whereFound = "a link in a forum", contactEmail = Email, contactConsent = true, wantsFeedback = true };
        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports", body, Ct))).RootElement;
        return created.GetProperty("reference").GetString()!;
    }

    private static Task<PublicReport> LoadAsync(ClearlineTestApp app, string reference) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().AsNoTracking().SingleAsync(p => p.Reference == reference, Ct));

    private static Task<RetentionOutcome> RunAsync(ClearlineTestApp app, bool dryRun) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<RetentionRun>().RunAsync(dryRun, AuditActor.System, Ct));
}
