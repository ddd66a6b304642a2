using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Previews;
using Clearline.Reports;
using Clearline.Retention;
using Clearline.Routing;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Retention;

/// <summary>An item as seeded: its address, its preview's address, the report and route it was found through.</summary>
internal sealed record SeededItem(string Sha256, string PreviewSha256, Guid ReportId, Guid RouteId);

/// <summary>
/// A hotline with keys, and intent methods to seed stored content found through a report and routed to the hotline,
/// with its takedown in a given state since a given time, and to run retention as the daily job does.
/// </summary>
/// <remarks>Ages are relative to now and far from the windows (days against the default 30, 180 and 365), never wall-clock bounds.</remarks>
internal sealed class RetentionWorld : IAsyncDisposable
{
    private static int _seed = 1000;

    private RetentionWorld(ClearlineTestApp app, Organisation hotline, HttpClient client)
    {
        App = app;
        Hotline = hotline;
        Client = client;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DateTimeOffset DaysAgo(int days) => DateTimeOffset.UtcNow.AddDays(-days);

    public ClearlineTestApp App { get; }

    public Organisation Hotline { get; }

    /// <summary>The hotline's key: reports, holds, assessment and reveals.</summary>
    public HttpClient Client { get; }

    public static async Task<RetentionWorld> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var app = await ClearlineTestApp.StartAsync(provider, settings);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.HoldsWrite, ApiScopes.AssessmentRead, ApiScopes.MediaRead));
        return new RetentionWorld(app, hotline, client);
    }

    /// <summary>
    /// Stores an item (original and preview) found <paramref name="foundDaysAgo"/> days ago through a new report of the
    /// hotline, routed to it, its takedown <paramref name="state"/> with the last action <paramref name="actedDaysAgo"/> days ago.
    /// </summary>
    public Task<SeededItem> SeedItemAsync(TakedownState state, int actedDaysAgo, int foundDaysAgo = 400, string? memo = null) =>
        App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var store = sp.GetRequiredService<MediaStore>();
            var seed = Interlocked.Increment(ref _seed);
            var bytes = Bytes(seed);
            var original = await store.PutAsync(new MemoryStream(bytes), Ct);
            var preview = await store.PutAsync(new MemoryStream(Bytes(seed + 1_000_000)), Ct);
            var foundAt = DaysAgo(foundDaysAgo);
            var page = $"https://forum.example/thread/{Guid.NewGuid():N}";
            var report = new Report { OrganisationId = Hotline.Id, Url = page, NormalisedUrl = page, ReceivedAt = foundAt, CreatedAt = foundAt, Memo = memo };
            var crawl = new Crawl { OrganisationId = Hotline.Id, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = foundAt };
            var url = new CrawledUrl
            {
                OrganisationId = Hotline.Id, CrawlId = crawl.Id, ReportId = report.Id, Url = $"https://img.example/{seed}.jpg", Role = UrlRole.Media,
                State = UrlFetchState.Fetched, Content = UrlContent.Media, MediaSha256 = original.Sha256, CountryCode = "NL", ServerAddress = "192.0.2.7",
            };
            var item = new MediaItem
            {
                Sha256 = original.Sha256, Md5 = original.Sha256[..32], Sha1 = original.Sha256[..40],
                Format = MediaFormat.Jpeg, ByteLength = bytes.Length, FirstSeenAt = foundAt,
            };
            var occurrence = new MediaOccurrence
            {
                OrganisationId = Hotline.Id, ReportId = report.Id, CrawlId = crawl.Id, CrawledUrlId = url.Id, MediaSha256 = original.Sha256, FoundAt = foundAt,
            };
            var previewRow = new MediaPreview
            {
                MediaSha256 = original.Sha256, Kind = PreviewKind.GreyBlurred, BlobSha256 = preview.Sha256, ContentType = "image/jpeg", Width = 8, Height = 8, CreatedAt = foundAt,
            };
            var route = new ContentRoute
            {
                ReportingOrganisationId = Hotline.Id, ReportId = report.Id, CrawledUrlId = url.Id, CountryCode = "NL", AssignedOrganisationId = Hotline.Id,
                State = RouteState.Assigned, RoutedAt = foundAt,
            };
            db.AddRange(report, crawl, url, item, occurrence, previewRow, route);
            db.Add(new RouteTakedown { RouteId = route.Id, State = state });
            db.Add(new TakedownAction
            {
                RouteId = route.Id, Kind = KindOf(state), Reason = ReasonOf(state), At = DaysAgo(actedDaysAgo), OrganisationId = Hotline.Id, ActorKind = AuditActorKind.System,
            });
            await db.SaveChangesAsync(Ct);
            return new SeededItem(original.Sha256, preview.Sha256, report.Id, route.Id);
        });

    /// <summary>Records a current decision on an item, taken <paramref name="daysAgo"/> days ago.</summary>
    public Task ClassifyAsync(string sha256, Verdict verdict, int daysAgo) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var jurisdiction = verdict == Verdict.National ? "NL" : null;
        db.Add(new MediaClassification { MediaSha256 = sha256, Verdict = verdict, Jurisdiction = jurisdiction, OrganisationId = Hotline.Id, ClassifiedAt = DaysAgo(daysAgo) });
        return await db.SaveChangesAsync(Ct);
    });

    /// <summary>Adds sealed gated-content credentials to a report (their content does not matter to retention).</summary>
    public Task AddCredentialsAsync(Guid reportId) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        db.Add(new ReportCredential { ReportId = reportId, OrganisationId = Hotline.Id, KeyId = "test", WrappedKey = new byte[40], Sealed = new byte[40] });
        return await db.SaveChangesAsync(Ct);
    });

    public Task<RetentionOutcome> RunAsync(bool dryRun = false) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<RetentionRun>().RunAsync(dryRun, AuditActor.System, Ct));

    public Task<BlobReadResult> ReadAsync(string sha256) => App.AsSystemAsync(async sp =>
    {
        var result = await sp.GetRequiredService<MediaStore>().OpenReadAsync(sha256, Ct);
        if (result is BlobReadResult.Ok ok)
        {
            await ok.Content.DisposeAsync();
        }

        return result;
    });

    public Task<MediaBlob> BlobAsync(string sha256) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<MediaBlob>().AsNoTracking().SingleAsync(b => b.Sha256 == sha256, Ct));

    public Task<bool> FileExistsAsync(string sha256) => App.AsSystemAsync(sp => sp.GetRequiredService<IBlobBackend>().ExistsAsync(sha256, Ct));

    public Task<Report> ReportAsync(Guid id) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    public Task<bool> HasCredentialsAsync(Guid reportId) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ReportCredential>().AnyAsync(c => c.ReportId == reportId, Ct));

    public Task<List<AuditEntry>> AuditAsync(AuditAction action) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking().Where(e => e.Action == action).ToListAsync(Ct));

    public Task<int> AuditCountAsync() => App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().CountAsync(Ct));

    /// <summary>Places a hold through the API and returns its id.</summary>
    public async Task<Guid> HoldAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/holds", body, Ct);
        return JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("id").GetGuid();
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return App.DisposeAsync();
    }

    private static byte[] Bytes(int seed)
    {
        var bytes = new byte[2048];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static TakedownActionKind KindOf(TakedownState state) => state switch
    {
        TakedownState.Removed => TakedownActionKind.Removed,
        TakedownState.Unavailable => TakedownActionKind.Unavailable,
        TakedownState.NotIllegal => TakedownActionKind.NotIllegal,
        TakedownState.AwaitingRemoval => TakedownActionKind.ReportedToHost,
        _ => TakedownActionKind.ReportedToLea,
    };

    private static ActionReason ReasonOf(TakedownState state) => state switch
    {
        TakedownState.Removed => ActionReason.ContentNotFound,
        TakedownState.Unavailable => ActionReason.Error503OrContentTemporarilyUnavailable,
        TakedownState.NotIllegal => ActionReason.AgeUnclearOrNotAssessable,
        _ => ActionReason.IllegalContent,
    };
}
