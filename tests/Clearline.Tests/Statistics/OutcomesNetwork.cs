using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Statistics;

/// <summary>
/// INHOPE's figures worked out by hand, in March 2026: hotlines A (NL) and B (DE), so NL and DE have a hotline and US
/// and FR have none.
/// <list type="bullet">
/// <item>Q1 by A on Monday 2 March 10:00: T1 NL noticed, removed after 5 h (the same day), referred after 1 d; T2 DE
/// (assigned to B) noticed, removed after 20 h (the next day); T3 US noticed, removed after 10 d, referred after 4 d.</item>
/// <item>Q2 by A on Friday 20 March 23:00: T4 DE (assigned to B) National, closed Not illegal (under B's own law); T5 FR
/// Baseline, closed Not illegal; T6 NL withdrawn (yet noticed, removed after 1 h and referred after 1 h, so that
/// counting it would show); T7 unknown country, referred after exactly 3 d.</item>
/// <item>Q3 by A on Wednesday 25 March 00:00: T8 NL at a URL that B reported first on 27 February, referred 1 d
/// after Q3 (26 d after the first report).</item>
/// </list>
/// A's figures: 7 routes to act on (1 withdrawn); 4 referred, 2 within 3 days (T1, T7); 3 with a notice, 1 removed the
/// same day (T1); 1 closed under own law (T4), 1 other Not illegal (T5); with a hotline DE 2, NL 2; without FR 1, US 1;
/// 1 unknown. B's assigned: T2 and T4.
/// </summary>
internal sealed class OutcomesNetwork : IAsyncDisposable
{
    public static readonly DateTimeOffset From = StatisticsNetwork.From;

    public static readonly DateTimeOffset To = StatisticsNetwork.To;

    public const string SharedUrl = "https://img.example/shared/first-reported-by-b.jpg";

    private OutcomesNetwork(ClearlineTestApp app, Organisation hotlineA, Organisation hotlineB)
    {
        App = app;
        HotlineA = hotlineA;
        HotlineB = hotlineB;
    }

    public ClearlineTestApp App { get; }

    public Organisation HotlineA { get; }

    public Organisation HotlineB { get; }

    public static async Task<OutcomesNetwork> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var app = await ClearlineTestApp.StartAsync(provider, settings);
        var a = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var b = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var data = new StatisticsDataSet(app);
        var day = TimeSpan.FromDays(1);
        await data.ReportAsync(b, new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), SiteType.Forum,
            new SeededContent(Sha('8'), "NL", Routed: false, Url: SharedUrl));
        await data.ReportAsync(a, new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), SiteType.Forum,
            new(Sha('1'), "NL", Noticed: true, TimeToRemoval: TimeSpan.FromHours(5), ReferredAfter: day),
            new(Sha('2'), "DE", Noticed: true, TimeToRemoval: TimeSpan.FromHours(20), AssignedTo: b),
            new(Sha('3'), "US", Noticed: true, TimeToRemoval: 10 * day, ReferredAfter: 4 * day));
        await data.ReportAsync(a, new DateTimeOffset(2026, 3, 20, 23, 0, 0, TimeSpan.Zero), SiteType.ImageBoard,
            new(Sha('4'), "DE", AssignedTo: b, Verdict: Verdict.National, ClosedNotIllegal: true),
            new(Sha('5'), "FR", ClosedNotIllegal: true),
            new(Sha('6'), "NL", Noticed: true, TimeToRemoval: TimeSpan.FromHours(1), ReferredAfter: TimeSpan.FromHours(1), Withdrawn: true),
            new(Sha('7'), null, ReferredAfter: 3 * day));
        await data.ReportAsync(a, new DateTimeOffset(2026, 3, 25, 0, 0, 0, TimeSpan.Zero), SiteType.Website,
            new SeededContent(Sha('8'), "NL", ReferredAfter: day, Url: SharedUrl));
        return new OutcomesNetwork(app, a, b);
    }

    public static string Sha(char digit) => StatisticsDataSet.Sha(digit);

    public async Task<HttpClient> ClientAsync(Organisation organisation) =>
        App.CreateClient(await App.CreateApiKeyAsync(organisation, [ApiScopes.StatisticsRead]));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
