using Clearline.Audit;

namespace Clearline.Tests.Audit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    public void Cell_QuotesAndGuardsAgainstFormulas(string value, string expected)
    {
        Assert.Equal(expected, AuditCsv.Cell(value));
    }

    [Fact]
    public void Line_EveryColumnInHeaderOrder_ActionInWordsAndName()
    {
        var organisation = Guid.Parse("0196f5a4-0000-7000-8000-000000000001");
        var row = new AuditRow(42, new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(10), AuditAction.ContentViewed,
            AuditActionWords.Describe(AuditAction.ContentViewed), "user:abc", "=evil@test.invalid", organisation, "Hotline, NL", "blob:ff", "192.0.2.1", null);

        Assert.Equal(
            "42,2026-05-01T09:30:00.000001Z,ContentViewed,Content revealed,user:abc,'=evil@test.invalid,0196f5a4-0000-7000-8000-000000000001,\"Hotline, NL\",blob:ff,192.0.2.1,\n",
            AuditCsv.Line(row));
        Assert.Equal(11, AuditCsv.Header.Split(',').Length);
    }
}
