using System.CommandLine;
using Clearline.Cli;
using Clearline.Database;
using Clearline.HashLists.Formats;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Export;

/// <summary>
/// The export command against a real data directory, run in-process through its own parser, so the test holds
/// wherever the command is attached in the command tree.
/// </summary>
public sealed class ExportCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_WritesTheFileAndPrintsTheCount_UserErrorsExitTwoAndLeaveNoFile()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var seed = await app.AsSystemAsync(ExportSeed.CreateAsync);
        var target = Path.Combine(app.DataDirectory, "export.json");

        var (exit, output) = await RunAsync(app.DataDirectory, "--format", "vics", "--verdict", "Baseline", "National", "--org", hotline.Name, "--out", target);

        Assert.Equal(0, exit);
        Assert.Equal("5", output.Trim());
        await using (var file = File.OpenRead(target))
        {
            var md5s = new List<string>();
            await foreach (var record in HashListReader.ReadAsync(file, HashListFormat.VicsJson, Ct))
            {
                if (record is HashListRecord.Entry entry)
                {
                    md5s.Add(entry.Value.Md5!);
                }
            }

            Assert.Equal(new[] { seed.Baseline.Md5, seed.NationalNl.Md5, seed.Virtual.Md5, seed.BaselineAndNational.Md5, seed.NoPdq.Md5 }.Order(), md5s.Order());
        }

        var bad = Path.Combine(app.DataDirectory, "bad.csv");
        Assert.Equal(2, (await RunAsync(app.DataDirectory, "--format", "csv", "--verdict", "Illegal", "--out", bad)).Exit);
        Assert.Equal(2, (await RunAsync(app.DataDirectory, "--format", "csv", "--org", "No such org", "--out", bad)).Exit);
        Assert.Equal(2, (await RunAsync(app.DataDirectory, "--format", "csv", "--out", Path.Combine(app.DataDirectory, "missing", "x.csv"))).Exit);
        Assert.False(File.Exists(bad));
        Assert.Empty(Directory.GetFiles(app.DataDirectory, "*.tmp"));
    }

    private static async Task<(int Exit, string Output)> RunAsync(string data, params string[] args)
    {
        var root = new RootCommand { GlobalOptions.Data, ExportCommand.Create() };
        using var output = new StringWriter();
        var exit = await root.Parse(["export", "--data", data, .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null }, Ct);
        return (exit, output.ToString());
    }
}
