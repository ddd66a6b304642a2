using System.Net.Http.Json;
using System.Text.Json;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Crawling;

/// <summary>The reports API as a hotline's system uses it: submit a URL, wait for the crawl, read what it found.</summary>
internal sealed class ReportsClient(HttpClient client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => client;

    public async Task<Guid> SubmitAsync(Uri url, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(new { url = url.AbsoluteUri }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request, Ct);
        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
        return body.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetReportAsync(Guid id) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri($"/api/v1/reports/{id}", UriKind.Relative), Ct))).RootElement;

    /// <summary>Polls until the crawl is completed or failed (bounded, so a stuck crawl fails the test).</summary>
    public async Task<JsonElement> WaitForCrawlAsync(Guid id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var report = await GetReportAsync(id);
            var state = report.GetProperty("crawl").GetProperty("state").GetString();
            if (state is "completed" or "failed")
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The crawl did not finish in time; last state: {report}");
            await Task.Delay(100, Ct);
        }
    }

    public Task<List<JsonElement>> MediaAsync(Guid id) => AllPagesAsync($"/api/v1/reports/{id}/media");

    public Task<List<JsonElement>> UrlsAsync(Guid id) => AllPagesAsync($"/api/v1/reports/{id}/urls");

    private async Task<List<JsonElement>> AllPagesAsync(string path)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            // Small pages, so every listing in the tests walks its cursors.
            var query = cursor is null ? "?limit=7" : $"?limit=7&cursor={Uri.EscapeDataString(cursor)}";
            var page = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri(path + query, UriKind.Relative), Ct))).RootElement;
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }
}
