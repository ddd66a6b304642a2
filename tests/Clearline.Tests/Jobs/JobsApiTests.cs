using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Jobs;

public sealed class JobsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task List_PagesThroughOnlyTheKeysOrganisationsJobs_NewestFirst(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var mine = await app.CreateOrganisationAsync();
        var theirs = await app.CreateOrganisationAsync();
        var ids = await EnqueueAsync(app, mine.Id, 5);
        await EnqueueAsync(app, theirs.Id, 2);
        await EnqueueAsync(app, null, 1);
        var client = app.CreateClient(await app.CreateApiKeyAsync(mine, ApiScopes.JobsRead));

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(client, $"/api/v1/jobs?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            Assert.All(items, i => Assert.Equal("Queued", i.GetProperty("state").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Theory]
    [BothDatabases]
    public async Task List_StateFilter_ReturnsOnlyThatState(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var mine = await app.CreateOrganisationAsync();
        await EnqueueAsync(app, mine.Id, 2);
        var client = app.CreateClient(await app.CreateApiKeyAsync(mine, ApiScopes.JobsRead));

        var failed = await GetJsonAsync(client, "/api/v1/jobs?state=failed");
        var queued = await GetJsonAsync(client, "/api/v1/jobs?state=QUEUED");

        Assert.Empty(failed.GetProperty("items").EnumerateArray());
        Assert.Equal(2, queued.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("state=done")]
    [InlineData("state=1")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    public async Task List_BadQuery_Returns400Problem(string query)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var mine = await app.CreateOrganisationAsync();
        var client = app.CreateClient(await app.CreateApiKeyAsync(mine, ApiScopes.JobsRead));

        var response = await client.GetAsync(new Uri($"/api/v1/jobs?{query}", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [BothDatabases]
    public async Task Get_OwnJob_ReturnsIt_OtherOrganisationsOrSystemJob_Returns404(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var mine = await app.CreateOrganisationAsync();
        var theirs = await app.CreateOrganisationAsync();
        var own = (await EnqueueAsync(app, mine.Id, 1))[0];
        var other = (await EnqueueAsync(app, theirs.Id, 1))[0];
        var system = (await EnqueueAsync(app, null, 1))[0];
        var client = app.CreateClient(await app.CreateApiKeyAsync(mine, ApiScopes.JobsRead));

        var body = await GetJsonAsync(client, $"/api/v1/jobs/{own}");
        Assert.Equal(own, body.GetProperty("id").GetGuid());
        Assert.Equal("test", body.GetProperty("kind").GetString());
        Assert.Equal(0, body.GetProperty("attempts").GetInt32());
        Assert.False(body.TryGetProperty("payload", out _));

        foreach (var hidden in new[] { other, system, Guid.NewGuid() })
        {
            var response = await client.GetAsync(new Uri($"/api/v1/jobs/{hidden}", UriKind.Relative), Ct);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [BothDatabases]
    public async Task Jobs_WithoutTheScopeOrWithoutAKey_AreRefused(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var mine = await app.CreateOrganisationAsync();
        var wrongScope = app.CreateClient(await app.CreateApiKeyAsync(mine, ApiScopes.OrganisationRead));

        await ProblemAssert.IsProblemAsync(await wrongScope.GetAsync(new Uri("/api/v1/jobs", UriKind.Relative), Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await wrongScope.GetAsync(new Uri($"/api/v1/jobs/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync(new Uri("/api/v1/jobs", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);
    }

    private static Task<List<Guid>> EnqueueAsync(ClearlineTestApp app, Guid? organisationId, int count) =>
        app.AsSystemAsync(async sp =>
        {
            var queue = sp.GetRequiredService<JobQueue>();
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                ids.Add(queue.Enqueue("test", new { number = i }, organisationId).Id);
                // Ids sort by creation time to the millisecond; keep each job in its own millisecond.
                await Task.Delay(2, Ct);
            }

            await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(Ct);
            return ids;
        });

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
    }
}
