using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Retention;

/// <summary>A legal hold keeps a report's items and reporter data, or one item, from retention until it is lifted; holds are the holder's alone.</summary>
public sealed class LegalHoldTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task HeldReportAndHeldItem_SurviveTheRun_AndGoOnceLifted(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var byReport = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400, memo: "reporter's phone number");
        var byItem = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400);
        var reportHold = await world.HoldAsync(new { reportId = byReport.ReportId, reason = "Police case 2026-17" });
        var itemHold = await world.HoldAsync(new { mediaSha256 = byItem.Sha256.ToUpperInvariant(), reason = "Evidence for court" });

        var dry = await world.RunAsync(dryRun: true);
        Assert.Equal(0, dry.Total);
        Assert.Equal(2, dry.HeldMedia);
        Assert.Equal(1, dry.HeldReports);
        Assert.Equal(0, (await world.RunAsync()).Total);
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(byReport.Sha256));
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(byItem.Sha256));
        Assert.Equal("reporter's phone number", (await world.ReportAsync(byReport.ReportId)).Memo);

        var listed = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await world.Client.GetAsync("/api/v1/holds", Ct))).RootElement;
        Assert.Equal(2, listed.GetArrayLength());
        Assert.All(listed.EnumerateArray(), h => Assert.True(h.GetProperty("isActive").GetBoolean()));

        foreach (var hold in new[] { reportHold, itemHold })
        {
            var lifted = await world.Client.PostAsJsonAsync($"/api/v1/holds/{hold}/lift", new { reason = "Case closed" }, Ct);
            Assert.False(JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(lifted)).RootElement.GetProperty("isActive").GetBoolean());
        }

        await ProblemAssert.IsProblemAsync(await world.Client.PostAsJsonAsync($"/api/v1/holds/{itemHold}/lift", new { reason = "again" }, Ct), HttpStatusCode.Conflict);
        var outcome = await world.RunAsync();
        Assert.Equal(new[] { byItem.Sha256, byReport.Sha256 }.Order(StringComparer.Ordinal), outcome.MediaAfterFinalAction);
        Assert.Equal([byReport.ReportId], outcome.ReporterData);
        Assert.Equal(2, (await world.AuditAsync(AuditAction.LegalHoldPlaced)).Count);
        Assert.Equal(2, (await world.AuditAsync(AuditAction.LegalHoldLifted)).Count);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherOrganisation_CannotHoldOurReportOrItem_NorSeeOrLiftOurHold(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400);
        var hold = await world.HoldAsync(new { reportId = item.ReportId, reason = "Ours" });
        var other = await world.App.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        using var client = world.App.CreateClient(await world.App.CreateApiKeyAsync(other, ApiScopes.ReportsRead, ApiScopes.HoldsWrite));

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/holds", new { reportId = item.ReportId, reason = "Theirs" }, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/holds", new { mediaSha256 = item.Sha256, reason = "Theirs" }, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/holds/{hold}/lift", new { reason = "Theirs" }, Ct), HttpStatusCode.NotFound);
        Assert.Equal(0, JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync("/api/v1/holds", Ct))).RootElement.GetArrayLength());
        Assert.Equal(1, (await world.RunAsync(dryRun: true)).HeldMedia);
    }

    [Theory]
    [InlineData("{\"reason\":\"no subject\"}", "reportId")]
    [InlineData("{\"reportId\":\"0193a3b0-0000-7000-8000-000000000001\"}", "reason")]
    [InlineData("{\"mediaSha256\":\"not-a-hash\",\"reason\":\"x\"}", "mediaSha256")]
    public async Task Place_BadInput_Is400NamingTheField(string body, string field)
    {
        await using var world = await RetentionWorld.StartAsync(DatabaseProvider.Sqlite);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await ProblemAssert.IsProblemAsync(await world.Client.PostAsync("/api/v1/holds", content, Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Place_WithoutHoldsWrite_Is403()
    {
        await using var world = await RetentionWorld.StartAsync(DatabaseProvider.Sqlite);
        using var reader = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.Hotline, ApiScopes.ReportsRead));

        var response = await reader.PostAsJsonAsync("/api/v1/holds", new { reportId = Guid.NewGuid(), reason = "x" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
