using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Classification;

/// <summary>
/// The real app with intent methods for the classification workspace: hotlines with an assessment key, items their
/// crawls found (stored encrypted like a crawl stores them), content routed to a hotline, and API calls.
/// </summary>
internal sealed class AssessmentNetwork(ClearlineTestApp app) : IAsyncDisposable
{
    private static readonly MediaHasher _hasher = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ClearlineTestApp App { get; } = app;

    public static async Task<AssessmentNetwork> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null) =>
        new(await ClearlineTestApp.StartAsync(provider, settings));

    /// <summary>An organisation with a key holding the assessment scopes and media:read (or the given scopes).</summary>
    public async Task<Analyst> JoinAsync(string? country, OrganisationKind kind = OrganisationKind.Hotline, params string[] scopes)
    {
        var organisation = await App.CreateOrganisationAsync(kind, country);
        var key = await App.CreateApiKeyAsync(organisation, scopes.Length == 0 ? [ApiScopes.AssessmentRead, ApiScopes.AssessmentWrite, ApiScopes.MediaRead] : scopes);
        return new Analyst(organisation, App.CreateClient(key));
    }

    /// <summary>A second key (another analyst) of the same organisation.</summary>
    public async Task<Analyst> ColleagueOfAsync(Analyst analyst) =>
        new(analyst.Organisation, App.CreateClient(await App.CreateApiKeyAsync(analyst.Organisation, ApiScopes.AssessmentRead, ApiScopes.AssessmentWrite, ApiScopes.MediaRead)));

    /// <summary>Stores <paramref name="bytes"/> as a media item, found by each of <paramref name="finders"/>' crawls; returns its address.</summary>
    public Task<string> FoundAsync(byte[] bytes, params Analyst[] finders) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var result = _hasher.Hash(bytes);
        var sha256 = result.Hashes.Sha256;
        using (var content = new MemoryStream(bytes))
        {
            await sp.GetRequiredService<MediaStore>().PutAsync(content, Ct);
        }

        if (!db.Set<MediaItem>().Any(m => m.Sha256 == sha256))
        {
            db.Add(new MediaItem
            {
                Sha256 = sha256,
                Md5 = result.Hashes.Md5,
                Sha1 = result.Hashes.Sha1,
                Pdq = result.Pdq?.Hash.ToString(),
                PdqQuality = result.Pdq?.Quality,
                Format = MediaFormatDetector.Detect(bytes),
                Width = result.Image?.Width,
                Height = result.Image?.Height,
                ByteLength = bytes.Length,
                FirstSeenAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync(Ct);
        foreach (var finder in finders)
        {
            await FoundSeed.FoundAsync(sp, finder.Organisation.Id, sha256);
        }

        return sha256;
    });

    /// <summary>Stores an item found by <paramref name="reporter"/> at a content URL routed to <paramref name="hotline"/>.</summary>
    public async Task<string> RoutedAsync(byte[] bytes, Analyst reporter, Analyst hotline)
    {
        var sha256 = await FoundAsync(bytes, reporter);
        return await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var occurrence = db.Set<MediaOccurrence>().Single(o => o.MediaSha256 == sha256 && o.OrganisationId == reporter.Organisation.Id);
            db.Add(new ContentRoute
            {
                ReportingOrganisationId = reporter.Organisation.Id,
                ReportId = occurrence.ReportId,
                CrawledUrlId = occurrence.CrawledUrlId,
                CountryCode = hotline.Organisation.CountryCode,
                AssignedOrganisationId = hotline.Organisation.Id,
                State = RouteState.Assigned,
                RoutedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
            return sha256;
        });
    }

    public Task<T> InDatabaseAsync<T>(Func<ClearlineDbContext, Task<T>> query) =>
        App.AsSystemAsync(sp => query(sp.GetRequiredService<ClearlineDbContext>()));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>An organisation and an API client holding one of its assessment keys (one analyst).</summary>
internal sealed record Analyst(Organisation Organisation, HttpClient Client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative), Ct);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : JsonContent.Create(body), Ct);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => Client.PutAsync(new Uri(path, UriKind.Relative), JsonContent.Create(body), Ct);

    public async Task<JsonElement> JsonAsync(string path) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await GetAsync(path))).RootElement;

    /// <summary>Classifies items and returns each item's result.</summary>
    public async Task<JsonElement[]> ClassifyAsync(params object[] items)
    {
        var response = await PostAsync("/api/v1/assessment/classifications", new { items });
        return [.. JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("results").EnumerateArray()];
    }

    /// <summary>Classifies one item that must succeed; returns the decision's id.</summary>
    public async Task<Guid> DecideAsync(string sha256, string verdict, string expectedCurrentId = "none")
    {
        var result = (await ClassifyAsync(new { sha256, verdict, expectedCurrentId }))[0];
        Assert.True(result.GetProperty("status").GetString() == "classified", result.ToString());
        return result.GetProperty("classification").GetProperty("id").GetGuid();
    }

    /// <summary>The addresses in the hotline's assessment queue, walking the cursor in small pages.</summary>
    public async Task<List<string>> QueueAsync()
    {
        var items = new List<string>();
        string? cursor = null;
        do
        {
            var page = await JsonAsync("/api/v1/assessment/queue?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sha256").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }
}
