using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Statistics;

/// <summary>
/// Two hotlines with reports around the period March 2026, worked out by hand:
/// <list type="bullet">
/// <item>A (NL): R1 at 1 March 00:00 (Forum: S1 NL removed after 1 d; S2 DE, routed to B, removed after 2 d + 123 µs;
/// S3 unknown, not noticed), R2 on 15 March (Forum: S1 NL removed after exactly 3 d; S4 US noticed, not removed), R3 at 31 March
/// 23:59:59 (ImageBoard: S5 NL removed after 10 d); outside the period R4 at 1 April 00:00 and R5 at 28 February
/// 23:59:59.</item>
/// <item>B (DE): R6 on 10 March (Website: S7 FR removed after 5 d; S2 DE not routed).</item>
/// <item>Every route is assigned to its reporter but R1's S2, which is assigned to B: in A's own figures, and in B's
/// takedown of content assigned to it.</item>
/// <item>Items: S1 Baseline by an analyst (PrePubescent, Female; an older National decision superseded); S2 Baseline
/// from known material (Pubescent, Male); S3 Not illegal; S4 National in NL (PrePubescent, Female) beside a Not
/// illegal in DE; S5 not assessed; S6 (only in R4) Baseline; S7 Baseline by an analyst (Infant, Both).</item>
/// </list>
/// </summary>
internal sealed class StatisticsNetwork : IAsyncDisposable
{
    public static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan JustOverTwoDays = TimeSpan.FromDays(2) + TimeSpan.FromMicroseconds(123);

    private StatisticsNetwork(ClearlineTestApp app, Organisation hotlineA, Organisation hotlineB)
    {
        App = app;
        HotlineA = hotlineA;
        HotlineB = hotlineB;
    }

    public ClearlineTestApp App { get; }

    public Organisation HotlineA { get; }

    public Organisation HotlineB { get; }

    public static async Task<StatisticsNetwork> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var app = await ClearlineTestApp.StartAsync(provider, settings);
        var a = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var b = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var data = new StatisticsDataSet(app);
        var (s1, s2, s3, s4, s5, s6, s7) = (Sha('1'), Sha('2'), Sha('3'), Sha('4'), Sha('5'), Sha('6'), Sha('7'));
        await data.ReportAsync(a, From, SiteType.Forum,
            new(s1, "NL", Noticed: true, TimeToRemoval: TimeSpan.FromDays(1)),
            new(s2, "DE", Noticed: true, TimeToRemoval: JustOverTwoDays, AssignedTo: b),
            new(s3, null));
        await data.ReportAsync(a, new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero), SiteType.Forum,
            new(s1, "NL", Noticed: true, TimeToRemoval: TimeSpan.FromDays(3)),
            new(s4, "US", Noticed: true));
        await data.ReportAsync(a, To.AddSeconds(-1), SiteType.ImageBoard, new SeededContent(s5, "NL", Noticed: true, TimeToRemoval: TimeSpan.FromDays(10)));
        await data.ReportAsync(a, To, SiteType.Website, new SeededContent(s6, "NL", Noticed: true, TimeToRemoval: TimeSpan.FromHours(1)));
        await data.ReportAsync(a, From.AddSeconds(-1), SiteType.Website, new SeededContent(s6, "GB", Noticed: true, TimeToRemoval: TimeSpan.FromHours(1)));
        await data.ReportAsync(b, new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), SiteType.Website,
            new(s7, "FR", Noticed: true, TimeToRemoval: TimeSpan.FromDays(5)),
            new(s2, "DE", Routed: false));

        await data.ClassifyAsync(s1, Verdict.National, ClassificationSource.Analyst, AgeGroup.Pubescent, Gender.Male, jurisdiction: "NL", superseded: true);
        await data.ClassifyAsync(s1, Verdict.Baseline, ClassificationSource.Analyst, AgeGroup.PrePubescent, Gender.Female);
        await data.ClassifyAsync(s2, Verdict.Baseline, ClassificationSource.KnownMaterial, AgeGroup.Pubescent, Gender.Male);
        await data.ClassifyAsync(s3, Verdict.NotIllegal, ClassificationSource.Analyst);
        await data.ClassifyAsync(s4, Verdict.National, ClassificationSource.Analyst, AgeGroup.PrePubescent, Gender.Female, jurisdiction: "NL");
        await data.ClassifyAsync(s4, Verdict.NotIllegal, ClassificationSource.Analyst, jurisdiction: "DE");
        await data.ClassifyAsync(s6, Verdict.Baseline, ClassificationSource.Analyst, AgeGroup.Infant, Gender.Male);
        await data.ClassifyAsync(s7, Verdict.Baseline, ClassificationSource.Analyst, AgeGroup.Infant, Gender.Both);
        return new StatisticsNetwork(app, a, b);
    }

    public static string Sha(char digit) => StatisticsDataSet.Sha(digit);

    public async Task<HttpClient> ClientAsync(Organisation organisation, params string[] scopes) =>
        App.CreateClient(await App.CreateApiKeyAsync(organisation, scopes.Length == 0 ? [ApiScopes.StatisticsRead] : scopes));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
