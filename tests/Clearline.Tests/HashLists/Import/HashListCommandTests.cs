using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tests.Cli;
using Clearline.Tests.HashLists.Formats;
using Clearline.Tests.HashLists.Management;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Import;

/// <summary><c>clearline hashlist create|import</c> through the real executable, on the embedded SQLite database.</summary>
public sealed class HashListCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task CreateAndImport_VicsFileThenCsvWithBadLines_PrintsSummariesAndExits0()
    {
        await CreateListAsync();

        var vics = await RunAsync("hashlist", "import", VicsTestData.HashSet20, "--list", "Partner list");
        var again = await RunAsync("hashlist", "import", VicsTestData.HashSet20, "--list", "Partner list", "--format", "vics");
        var csv = Path.Combine(_data, "partner.csv");
        await File.WriteAllTextAsync(csv, $"md5\n{Formats.HashLists.Md5("cli A")}\nnot-a-hash\n", TestContext.Current.CancellationToken);
        var withErrors = await RunAsync("hashlist", "import", csv, "--list", "Partner list");

        Assert.True(vics.ExitCode == 0, vics.ToString());
        Assert.EndsWith(": 6 added, 0 unchanged, 0 errors", Assert.Single(vics.OutputLines), StringComparison.Ordinal);
        Assert.EndsWith(": 0 added, 6 unchanged, 0 errors", Assert.Single(again.OutputLines), StringComparison.Ordinal);
        Assert.True(withErrors.ExitCode == 0, withErrors.ToString());
        Assert.EndsWith(": 1 added, 0 unchanged, 1 errors", withErrors.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: MD5", withErrors.OutputLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFileUnknownListOrBadFormat_PrintsOneLineAndExits2()
    {
        await CreateListAsync();
        var missing = await RunAsync("hashlist", "import", Path.Combine(_data, "missing.json"), "--list", "Partner list");
        var noList = await RunAsync("hashlist", "import", VicsTestData.HashSet20, "--list", "No such list");
        var badFormat = await RunAsync("hashlist", "import", VicsTestData.HashSet20, "--list", "Partner list", "--format", "xml");

        Assert.All([missing, noList, badFormat], r => Assert.True(r.ExitCode == 2 && r.ErrorLines.Length == 1 && r.OutputLines.Length == 0, r.ToString()));
        Assert.Contains("no such file", missing.StandardError, StringComparison.Ordinal);
        Assert.Contains("no hash list named 'No such list'", noList.StandardError, StringComparison.Ordinal);
        Assert.Contains("unknown format 'xml'", badFormat.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_IsTheDirectorysUseCase_WritingTheSameAuditEntry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await ManagementFixture.CreateAsync(DatabaseProvider.Sqlite);
        var owner = await database.OrganisationAsync(OrganisationKind.Hotline);

        var cli = await ClearlineProcess.RunAsync(
            null, "hashlist", "create", "Via the command line", "--kind", "HotlineNetwork", "--trust", "SuggestOnly", "--visibility", "Network",
            "--scheme", "VicsUs", "--owner", owner.Name, "--source", "Project VIC", "--data", database.DataPath);
        var direct = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().CreateAsync(
            new NewHashList("Via the directory", "Project VIC", HashListKind.HotlineNetwork, HashListTrust.SuggestOnly, HashListVisibility.Network, CategoryScheme.VicsUs),
            ManagementFixture.Caller(owner), ct));

        Assert.True(cli.ExitCode == 0, cli.ToString());
        var entries = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditAction.HashListCreated).OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Equal([$"hashlist:{Guid.Parse(Assert.Single(cli.OutputLines)):D}", $"hashlist:{direct.Value!.Id:D}"], entries.Select(e => e.Target));
        Assert.Equal(
            (entries[1].ActorKind, entries[1].ActorId, entries[1].OrganisationId, entries[1].Detail),
            (entries[0].ActorKind, entries[0].ActorId, entries[0].OrganisationId, entries[0].Detail));
    }

    private async Task CreateListAsync()
    {
        var org = await RunAsync("admin", "create-org", "--name", "Hotline Example", "--kind", "Hotline", "--country", "NL");
        Assert.True(org.ExitCode == 0, org.ToString());
        var list = await RunAsync(
            "hashlist", "create", "Partner list", "--kind", "HotlineNetwork", "--trust", "SuggestOnly", "--visibility", "Network",
            "--scheme", "VicsUs", "--owner", "Hotline Example", "--source", "Project VIC");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.True(Guid.TryParse(Assert.Single(list.OutputLines), out _), list.ToString());
    }

    private Task<ProcessResult> RunAsync(params string[] args) => ClearlineProcess.RunAsync(null, [.. args, "--data", _data]);
}
