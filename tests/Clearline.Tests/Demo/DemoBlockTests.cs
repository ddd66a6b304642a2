using Clearline.Demo;
using Clearline.Identity;

namespace Clearline.Tests.Demo;

public sealed class DemoBlockTests
{
    [Fact]
    public async Task Block_ListsEveryAccountOnceAsOneTable_WithWhereToSignIn()
    {
        await using var site = await DemoSite.StartAsync(0, TestContext.Current.CancellationToken);
        DemoAccount[] accounts =
        [
            new("Demo Hotline Netherlands", "analyst.nl@demo.clearline.invalid", Role.Analyst, "aaaaaaaaaaaaaaaaaaaa"),
            new("Demo INTERPOL", "officer@interpol.demo.clearline.invalid", Role.InterpolOfficer, "bbbbbbbbbbbbbbbbbbbb"),
        ];

        var block = DemoMode.Block(accounts, "http://127.0.0.1:5080", site);

        var lines = block.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Count(l => l.StartsWith(new string('=', 100), StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("aaaaaaaaaaaaaaaaaaaa", StringComparison.Ordinal) && l.Contains("analyst.nl@", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("bbbbbbbbbbbbbbbbbbbb", StringComparison.Ordinal) && l.Contains("InterpolOfficer", StringComparison.Ordinal));
        Assert.Contains("Sign in at http://127.0.0.1:5080/Account/Login", block, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains(site.BoardUrl(DemoSite.NetherlandsBoard).ToString(), StringComparison.Ordinal) && l.Contains("Hosted in NL", StringComparison.Ordinal));
        Assert.Equal(
            lines.First(l => l.Contains("analyst.nl", StringComparison.Ordinal)).IndexOf("aaaa", StringComparison.Ordinal),
            lines.First(l => l.Contains("interpol.demo", StringComparison.Ordinal)).IndexOf("bbbb", StringComparison.Ordinal));
    }
}
