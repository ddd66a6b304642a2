using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary><c>POST /api/v1/reports/batch</c>: good rows are accepted, bad rows reported with their line, the whole batch bounded.</summary>
public sealed class ReportBatchApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static StringContent Csv(string text, bool byteOrderMark = false) =>
        new(byteOrderMark ? "\uFEFF" + text : text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), "text/csv");

    [Theory]
    [BothDatabases]
    public async Task Batch_MixedRows_AcceptsTheGoodOnes_AndReportsEachBadRowWithItsLine(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (hotline, client) = await IntakeApp.HotlineAsync(app);
        const string csv = """
            URL,siteType,paymentMethods,memo,receivedAt
            https://a.example.invalid/,Forum,Visa; PayPal,"memo with, a comma",2026-11-01T10:00:00Z
            https://b.example.invalid/,ImageBoard,,"a memo over
            two lines",
            not a url,Forum,,,
            https://c.example.invalid/,Nonsense,,,
            https://d.example.invalid/,Forum
            https://A.example.invalid:443/#again,,,,

            https://e.example.invalid/,,Gold,,yesterday
            """;

        using var response = await client.PostAsync(new Uri("/api/v1/reports/batch", UriKind.Relative), Csv(csv.ReplaceLineEndings("\r\n"), byteOrderMark: true), Ct);
        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;

        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3, 5, 6, 7, 8, 10], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["accepted", "accepted", "invalid", "invalid", "invalid", "duplicate", "invalid"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal((2, 1, 4), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body.GetProperty("invalid").GetInt32()));
        Assert.Contains("url", rows[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("siteType: 'Nonsense' is not one of", rows[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("The row has 2 fields; the header has 5.", rows[4].GetProperty("reason").GetString());
        Assert.Equal(rows[0].GetProperty("reportId").GetGuid(), rows[5].GetProperty("duplicateOf").GetProperty("reportId").GetGuid());
        Assert.Equal(hotline.Name, rows[5].GetProperty("duplicateOf").GetProperty("reportedBy").GetString());
        Assert.Contains("paymentMethods: 'Gold'", rows[6].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("receivedAt", rows[6].GetProperty("reason").GetString(), StringComparison.Ordinal);

        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync(Ct));
        Assert.Equal(3, stored.Count);
        var first = stored.Single(r => r.Id == rows[0].GetProperty("reportId").GetGuid());
        Assert.Equal((SiteType.Forum, PaymentMethods.Visa | PaymentMethods.PayPal, "memo with, a comma"), (first.SiteType, first.PaymentMethods, first.Memo));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), first.ReceivedAt);
        Assert.Equal("a memo over\ntwo lines", stored.Single(r => r.Id == rows[1].GetProperty("reportId").GetGuid()).Memo);
        Assert.Equal(2, await IntakeApp.CrawlCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task Batch_BadHeaderOrTooLarge_IsRefusedWhole(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (_, client) = await IntakeApp.HotlineAsync(app);
        var batch = new Uri("/api/v1/reports/batch", UriKind.Relative);

        (string Csv, string Expected)[] badHeaders =
        [
            ("url,colour\nhttps://a.example.invalid/,red\n", "unknown column 'colour'"),
            ("memo\nsomething\n", "no 'url' column"),
            ("url,URL\nhttps://a.example.invalid/,x\n", "appears twice"),
            ("", "The file is empty"),
        ];
        foreach (var (csv, expected) in badHeaders)
        {
            var problem = await ProblemAssert.IsProblemAsync(await client.PostAsync(batch, Csv(csv), Ct), HttpStatusCode.BadRequest);
            Assert.Contains(expected, problem.GetProperty("errors").GetProperty("csv")[0].GetString(), StringComparison.Ordinal);
        }

        var tooManyRows = new StringBuilder("url\n");
        for (var i = 0; i <= ReportLimits.MaxBatchRows; i++)
        {
            tooManyRows.Append("https://many.example.invalid/").Append(i).Append('\n');
        }

        var rowsProblem = await ProblemAssert.IsProblemAsync(await client.PostAsync(batch, Csv(tooManyRows.ToString()), Ct), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 10,000 rows", rowsProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var tooManyBytes = new ByteArrayContent(new byte[ReportLimits.MaxBatchBytes + 1]);
        tooManyBytes.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await ProblemAssert.IsProblemAsync(await client.PostAsync(batch, tooManyBytes, Ct), HttpStatusCode.RequestEntityTooLarge);

        using var json = new StringContent("{}", Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await client.PostAsync(batch, json, Ct), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(0, await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().CountAsync(Ct)));
    }

    [Theory]
    [BothDatabases]
    public async Task Batch_WithoutKeyOrWriteScope_IsRefused(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var batch = new Uri("/api/v1/reports/batch", UriKind.Relative);

        using var anonymous = await app.CreateClient().PostAsync(batch, Csv("url\nhttps://a.example.invalid/\n"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var readOnly = await app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead))
            .PostAsync(batch, Csv("url\nhttps://a.example.invalid/\n"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }
}
