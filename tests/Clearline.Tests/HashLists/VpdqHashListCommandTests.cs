using Clearline.Tests.Cli;
using static Clearline.Tests.HashLists.VpdqSignalListTests;

namespace Clearline.Tests.HashLists;

/// <summary><c>clearline hashlist import|export --format signals</c> through the real executable, on the embedded SQLite database.</summary>
public sealed class VpdqHashListCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ImportAndExport_SignalList_CountsTheVideos_NamesTheBadLine_AndWritesTheHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await RunAsync("admin", "create-org", "--name", "Hotline Example", "--kind", "Hotline", "--country", "NL")).ExitCode == 0);
        var created = await RunAsync(
            "hashlist", "create", "HMA bank", "--kind", "HotlineNetwork", "--trust", "SuggestOnly", "--visibility", "Network",
            "--scheme", "VicsUs", "--owner", "Hotline Example", "--source", "HMA");
        Assert.True(created.ExitCode == 0, created.ToString());
        var file = Path.Combine(_data, "hma-videos.csv");
        await File.WriteAllTextAsync(
            file,
            "signal_type,signal,content_id\n"
                + $"vpdq,{Quoted(Signal("pattern-sd-grey-bar"))},1\n"
                + "vpdq,\"[\"\"0,100,0.000\"\"]\",2\n"
                + $"vpdq,{Quoted(Signal("doorknob-hd-no-bar"))},3\n",
            ct);

        var imported = await RunAsync("hashlist", "import", file, "--list", "HMA bank", "--format", "signals");
        var detected = await RunAsync("hashlist", "import", file, "--list", "HMA bank");
        var target = Path.Combine(_data, "export.signals.csv");
        var exported = await RunAsync("hashlist", "export", "--format", "signals", "--out", target);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.EndsWith(": 2 added, 0 unchanged, 1 errors", imported.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: vPDQ signal: Frame 1", imported.OutputLines[1], StringComparison.Ordinal);
        Assert.EndsWith(": 0 added, 2 unchanged, 1 errors", detected.OutputLines[0], StringComparison.Ordinal);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal("0", Assert.Single(exported.OutputLines));
        Assert.Equal("signal_type,signal,category,id\n", await File.ReadAllTextAsync(target, ct));
    }

    private Task<ProcessResult> RunAsync(params string[] args) => ClearlineProcess.RunAsync(null, [.. args, "--data", _data]);
}
