using Clearline.Database;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Tests.Cli;

namespace Clearline.Tests.Retention;

/// <summary><c>clearline retention run</c> as an operator runs it, against the data directory of a running installation.</summary>
public sealed class RetentionCommandTests
{
    [Fact]
    public async Task RetentionRun_DryRunListsWhatWouldGoAndChangesNothing_ThenTheRunShreds()
    {
        await using var world = await RetentionWorld.StartAsync(DatabaseProvider.Sqlite);
        var due = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400, memo: "call me");
        var kept = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 3);

        var dry = await ClearlineProcess.RunAsync(null, "retention", "run", "--dry-run", "--data", world.App.DataDirectory);

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal([$"after-final-action\t{due.Sha256}", $"reporter-data\t{due.ReportId:D}"], dry.OutputLines);
        Assert.Contains("retention dry run: would delete 1 items after their final action", dry.StandardError, StringComparison.Ordinal);
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(due.Sha256));
        Assert.Equal("call me", (await world.ReportAsync(due.ReportId)).Memo);

        var run = await ClearlineProcess.RunAsync(null, "retention", "run", "--data", world.App.DataDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("retention run: deleted 1 items after their final action", run.StandardError, StringComparison.Ordinal);
        Assert.IsType<BlobReadResult.Shredded>(await world.ReadAsync(due.Sha256));
        Assert.False(await world.FileExistsAsync(due.Sha256));
        Assert.Null((await world.ReportAsync(due.ReportId)).Memo);
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(kept.Sha256));
    }
}
