using System.Net;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Retention;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Retention;

/// <summary>Retention shreds what is due (key destroyed, file gone, reads say so, hashes stay), clears reporter data, and a dry run changes nothing.</summary>
public sealed class RetentionRunTests
{
    [Theory]
    [BothDatabases]
    public async Task Run_ItemPastItsWindowAfterTheFinalAction_IsShredded_ReadsSayDeleted_HashesStay(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var due = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 200);
        var recent = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 10);
        var open = await world.SeedItemAsync(TakedownState.AwaitingRemoval, actedDaysAgo: 300);

        var outcome = await world.RunAsync();

        Assert.Equal([due.Sha256], outcome.MediaAfterFinalAction);
        Assert.Equal(1, outcome.PreviewBlobs);
        foreach (var sha in new[] { due.Sha256, due.PreviewSha256 })
        {
            var blob = await world.BlobAsync(sha);
            Assert.Empty(blob.WrappedKey);
            Assert.NotNull(blob.ShreddedAt);
            Assert.Equal(RetentionRun.AfterFinalActionReason, blob.ShreddedReason);
            Assert.False(await world.FileExistsAsync(sha));
            Assert.Equal(RetentionRun.AfterFinalActionReason, Assert.IsType<BlobReadResult.Shredded>(await world.ReadAsync(sha)).Reason);
        }

        foreach (var kept in new[] { recent, open })
        {
            Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(kept.Sha256));
            Assert.True(await world.FileExistsAsync(kept.Sha256));
        }

        // The network still recognises the material: the item's hashes answer a hash check as before.
        var item = await world.App.AsSystemAsync(sp => sp.GetRequiredService<FoundItems>().ItemsAsync([due.Sha256], RetentionWorld.Ct));
        Assert.Equal(32, item[due.Sha256].Md5.Length);

        var reveal = await ProblemAssert.IsProblemAsync(await world.Client.GetAsync($"/api/v1/media/{due.Sha256}/content", RetentionWorld.Ct), HttpStatusCode.NotFound);
        Assert.Contains("deleted under retention (after-final-action)", reveal.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var shredded = Assert.Single(await world.AuditAsync(AuditAction.MediaShredded));
        Assert.Equal($"blob:{due.Sha256}", shredded.Target);
        Assert.Equal("reason=after-final-action", shredded.Detail);
        Assert.Contains("after-final-action=1 ", Assert.Single(await world.AuditAsync(AuditAction.RetentionRun)).Detail, StringComparison.Ordinal);

        // A second run finds nothing more and audits nothing more.
        Assert.Equal(0, (await world.RunAsync()).Total);
        Assert.Single(await world.AuditAsync(AuditAction.MediaShredded));
        Assert.Single(await world.AuditAsync(AuditAction.RetentionRun));
    }

    [Theory]
    [BothDatabases]
    public async Task Run_NotIllegalItem_IsShreddedAfterItsWindow_OthersStay(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var due = await world.SeedItemAsync(TakedownState.Unactioned, actedDaysAgo: 40);
        await world.ClassifyAsync(due.Sha256, Verdict.NotIllegal, daysAgo: 40);
        var recent = await world.SeedItemAsync(TakedownState.Unactioned, actedDaysAgo: 5);
        await world.ClassifyAsync(recent.Sha256, Verdict.NotIllegal, daysAgo: 5);
        var illegal = await world.SeedItemAsync(TakedownState.Unactioned, actedDaysAgo: 40);
        await world.ClassifyAsync(illegal.Sha256, Verdict.NotIllegal, daysAgo: 40);
        await world.ClassifyAsync(illegal.Sha256, Verdict.National, daysAgo: 39);

        var outcome = await world.RunAsync();

        Assert.Equal([due.Sha256], outcome.NotIllegalMedia);
        Assert.Empty(outcome.MediaAfterFinalAction);
        Assert.Equal(RetentionRun.NotIllegalReason, Assert.IsType<BlobReadResult.Shredded>(await world.ReadAsync(due.Sha256)).Reason);
        Assert.IsType<BlobReadResult.Shredded>(await world.ReadAsync(due.PreviewSha256));
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(recent.Sha256));
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(illegal.Sha256));
    }

    [Theory]
    [BothDatabases]
    public async Task Run_ReporterDataPastItsWindow_IsClearedAndAudited_OpenOrRecentReportsKeepIt(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var due = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 10, foundDaysAgo: 400, memo: "Reported by j.doe@example.invalid, +31 20 000 0000");
        await world.AddCredentialsAsync(due.ReportId);
        var open = await world.SeedItemAsync(TakedownState.AwaitingRemoval, actedDaysAgo: 10, foundDaysAgo: 400, memo: "call back");
        var recent = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 10, foundDaysAgo: 30, memo: "recent");

        var outcome = await world.RunAsync();

        Assert.Equal([due.ReportId], outcome.ReporterData);
        var cleared = await world.ReportAsync(due.ReportId);
        Assert.Null(cleared.Memo);
        Assert.Equal(due.ReportId, cleared.Id);
        Assert.False(await world.HasCredentialsAsync(due.ReportId));
        Assert.Equal("call back", (await world.ReportAsync(open.ReportId)).Memo);
        Assert.Equal("recent", (await world.ReportAsync(recent.ReportId)).Memo);
        var entry = Assert.Single(await world.AuditAsync(AuditAction.ReporterDataCleared));
        Assert.Equal($"report:{due.ReportId:D}", entry.Target);
        Assert.Equal(world.Hotline.Id, entry.OrganisationId);
    }

    [Theory]
    [BothDatabases]
    public async Task DryRun_SaysWhatWouldGo_AndChangesNothing(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var due = await world.SeedItemAsync(TakedownState.Unavailable, actedDaysAgo: 400, memo: "contact me");
        var audited = await world.AuditCountAsync();

        var outcome = await world.RunAsync(dryRun: true);

        Assert.True(outcome.DryRun);
        Assert.Equal([due.Sha256], outcome.MediaAfterFinalAction);
        Assert.Equal([due.ReportId], outcome.ReporterData);
        Assert.Equal(1, outcome.PreviewBlobs);
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(due.Sha256));
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(due.PreviewSha256));
        Assert.NotEmpty((await world.BlobAsync(due.Sha256)).WrappedKey);
        Assert.Equal("contact me", (await world.ReportAsync(due.ReportId)).Memo);
        Assert.Equal(audited, await world.AuditCountAsync());
    }

    [Theory]
    [BothDatabases]
    public async Task Run_RuleSetToZero_IsOff(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider, new() { ["Retention:MediaAfterFinalAction"] = "00:00:00", ["Retention:ReporterData"] = "00:00:00" });
        var due = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400, memo: "kept");

        var outcome = await world.RunAsync();

        Assert.Equal(0, outcome.Total);
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(due.Sha256));
    }

    [Theory]
    [InlineData("Retention:MediaAfterFinalAction", "01:00:00")]
    [InlineData("Retention:NotIllegalItems", "4000.00:00:00")]
    [InlineData("Retention:MaxItemsPerRun", "0")]
    public void Options_BadValue_FailsNamingTheSetting(string setting, string value)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build());
        services.AddRetention();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(setting + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Schedule_NextRun_IsTheNextTimeOfDay()
    {
        var at = new TimeSpan(2, 30, 0);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 2, 30, 0, TimeSpan.Zero), RetentionSchedule.NextRun(new DateTimeOffset(2026, 1, 1, 2, 30, 0, TimeSpan.Zero), at));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 2, 30, 0, TimeSpan.Zero), RetentionSchedule.NextRun(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), at));
    }
}
