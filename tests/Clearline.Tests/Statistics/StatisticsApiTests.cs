using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Statistics;

public sealed class StatisticsApiTests
{
    private const string March = "from=2026-03-01&to=2026-04-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Csv_HasOneRowPerFigureAndBucket_WithAFileName(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);
        using var client = await network.ClientAsync(network.HotlineA);

        using var response = await client.GetAsync(new Uri($"/api/v1/statistics.csv?scope=hotline&{March}", UriKind.Relative), Ct);

        var csv = await ProblemAssert.IsSuccessAsync(response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("clearline-statistics-hotline-20260301-20260401.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            """
            metric,key,value
            scope,,hotline
            from,,2026-03-01T00:00:00Z
            to,,2026-04-01T00:00:00Z
            reports,,3
            content_urls,,6
            items_found,,5
            items_assessed,,4
            items_illegal,,3
            items_baseline,,2
            items_national,,1
            illegal_share,,0.75
            items_known,,1
            items_new,,3
            known_share,,0.25
            hosting_country,NL,3
            hosting_country,DE,1
            hosting_country,US,1
            hosting_country,unknown,1
            site_type,Forum,2
            site_type,ImageBoard,1
            age_group,PrePubescent,2
            age_group,Pubescent,1
            gender,Female,2
            gender,Male,1
            routes_with_notice,,5
            routes_removed,,4
            removed_within_3_days,,3
            removed_within_3_days_share,,0.6
            median_time_to_removal_seconds,,172800.000123
            p90_time_to_removal_seconds,,864000
            routes_to_act_on,,6
            routes_withdrawn,,0
            referred_to_police,,0
            referred_within_3_days,,0
            referred_within_3_days_share,,0
            removed_same_day,,0
            removed_same_day_share,,0
            closed_under_own_law,,0
            closed_not_illegal_other,,0
            country_with_hotline,NL,3
            country_with_hotline,DE,1
            country_without_hotline,US,1
            routes_country_unknown,,1
            time_to_removal,0-1d,1
            time_to_removal,1-2d,0
            time_to_removal,2-3d,2
            time_to_removal,3-7d,0
            time_to_removal,7-14d,1
            time_to_removal,14-30d,0
            time_to_removal,30d+,0
            assigned_routes_with_notice,,4
            assigned_routes_removed,,3
            assigned_removed_within_3_days,,2
            assigned_removed_within_3_days_share,,0.5
            assigned_median_time_to_removal_seconds,,259200
            assigned_p90_time_to_removal_seconds,,864000
            assigned_routes_to_act_on,,5
            assigned_routes_withdrawn,,0
            assigned_referred_to_police,,0
            assigned_referred_within_3_days,,0
            assigned_referred_within_3_days_share,,0
            assigned_removed_same_day,,0
            assigned_removed_same_day_share,,0
            assigned_closed_under_own_law,,0
            assigned_closed_not_illegal_other,,0
            assigned_country_with_hotline,NL,3
            assigned_country_without_hotline,US,1
            assigned_routes_country_unknown,,1
            public_reports,,0
            public_report_urls,,0
            public_report_urls_accepted,,0
            public_report_urls_closed,,0
            public_report_urls_pending,,0
            public_report_accepted_share,,
            public_report_median_time_to_insertion_seconds,,
            public_report_p90_time_to_insertion_seconds,,
            public_report_close_reason,NotIllegal,0
            public_report_close_reason,Adult,0
            public_report_close_reason,NotFound,0
            public_report_close_reason,OutsideRemit,0
            public_report_close_reason,Duplicate,0
            interval,,week
            trend_reports,2026-03-01T00:00:00Z,1

            """.ReplaceLineEndings("\n"),
            csv[..(csv.IndexOf("trend_content_urls,2026-03-01T", StringComparison.Ordinal))]);
        // One bucket per week (the first cut to Sunday 1 March), empty weeks included, each with every trend figure.
        foreach (var (week, reports) in new[] { ("03-01", 1), ("03-02", 0), ("03-09", 1), ("03-16", 0), ("03-23", 0), ("03-30", 1) })
        {
            Assert.Contains($"\ntrend_reports,2026-{week}T00:00:00Z,{reports}\n", csv, StringComparison.Ordinal);
        }

        Assert.Equal(6 * 11, csv.Split('\n').Count(l => l.StartsWith("trend_", StringComparison.Ordinal)));
        Assert.EndsWith("\ntrend_countries_without_hotline,2026-03-30T00:00:00Z,0\n", csv, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Csv_NetworkScope_HasNoAssignedRows(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);
        using var client = await network.ClientAsync(network.HotlineA);

        var csv = await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri($"/api/v1/statistics.csv?scope=network&{March}", UriKind.Relative), Ct));

        Assert.Contains("\nmedian_time_to_removal_seconds,,259200\np90_time_to_removal_seconds,,864000\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("assigned_", csv, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Json_HotlineScopeIsTheKeysOrganisation_NetworkScopeAggregatesEveryone(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);
        using var b = await network.ClientAsync(network.HotlineB);

        var own = await GetJsonAsync(b, $"/api/v1/statistics?{March}");
        var all = await GetJsonAsync(b, $"/api/v1/statistics?scope=network&{March}");

        Assert.Equal(("hotline", 1, 2), (own.GetProperty("scope").GetString(), own.GetProperty("reports").GetInt32(), own.GetProperty("contentUrls").GetInt32()));
        Assert.Equal(("network", 4, 8), (all.GetProperty("scope").GetString(), all.GetProperty("reports").GetInt32(), all.GetProperty("contentUrls").GetInt32()));
        Assert.Equal(0.8, all.GetProperty("illegalShare").GetDouble());
        Assert.Equal(0.5, all.GetProperty("removedWithinThreeDaysShare").GetDouble());
        Assert.Equal("3.00:00:00", all.GetProperty("medianTimeToRemoval").GetString());
        Assert.Equal("NL", all.GetProperty("hostingCountries")[0].GetProperty("key").GetString());
        Assert.Equal(3, all.GetProperty("hostingCountries")[0].GetProperty("count").GetInt32());
        // B's own figures leave out S2, which A reported; its assigned takedown counts it, since S2 is routed to B.
        Assert.Equal(1, own.GetProperty("routesRemoved").GetInt32());
        var assigned = own.GetProperty("assignedTakedown");
        Assert.Equal((2, 2, 1), (assigned.GetProperty("routesWithNotice").GetInt32(), assigned.GetProperty("routesRemoved").GetInt32(), assigned.GetProperty("removedWithinThreeDays").GetInt32()));
        Assert.Equal(0.5, assigned.GetProperty("removedWithinThreeDaysShare").GetDouble());
        Assert.Equal(("2.00:00:00.0001230", "5.00:00:00"), (assigned.GetProperty("medianTimeToRemoval").GetString(), assigned.GetProperty("p90TimeToRemoval").GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("assignedTakedown").ValueKind);
    }

    [Fact]
    public async Task WithoutTheScope_IsForbidden_AndWithoutAKey_Unauthorised()
    {
        await using var network = await StatisticsNetwork.StartAsync(DatabaseProvider.Sqlite);
        using var reportsOnly = await network.ClientAsync(network.HotlineA, ApiScopes.ReportsRead);
        using var anonymous = network.App.CreateClient();

        foreach (var path in new[] { $"/api/v1/statistics?{March}", $"/api/v1/statistics.csv?{March}" })
        {
            await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Unauthorized);
        }
    }

    [Theory]
    [InlineData("scope=coordinator", "scope")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-04-01&to=2026-03-01", "to")]
    [InlineData("from=2026-03-01&to=2026-03-01", "to")]
    [InlineData("scope=network&from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z", "to")]
    [InlineData("interval=fortnight", "interval")]
    [InlineData("interval=week&from=2020-01-01&to=2026-01-01", "interval")]
    public async Task BadInput_IsAClearValidationProblem(string query, string field)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.StatisticsRead));

        foreach (var path in new[] { "/api/v1/statistics", "/api/v1/statistics.csv" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync(new Uri($"{path}?{query}", UriKind.Relative), Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Theory]
    [BothDatabases]
    public async Task Json_InhopeFiguresHistogramAndTrend_AreTyped(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider);
        using var a = await network.ClientAsync(network.HotlineA);
        using var b = await network.ClientAsync(network.HotlineB);

        var own = await GetJsonAsync(a, $"/api/v1/statistics?{March}&interval=week");
        var assigned = await GetJsonAsync(b, $"/api/v1/statistics?{March}&interval=month");

        var outcomes = own.GetProperty("outcomes");
        Assert.Equal((7, 1, 4, 2), (outcomes.GetProperty("routesToActOn").GetInt32(), outcomes.GetProperty("routesWithdrawn").GetInt32(),
            outcomes.GetProperty("referredToPolice").GetInt32(), outcomes.GetProperty("referredWithinThreeDays").GetInt32()));
        Assert.Equal(1.0 / 3, outcomes.GetProperty("removedSameDayShare").GetDouble());
        Assert.Equal("DE", outcomes.GetProperty("countriesWithHotline")[0].GetProperty("key").GetString());
        Assert.Equal("FR", outcomes.GetProperty("countriesWithoutHotline")[0].GetProperty("key").GetString());
        Assert.Equal(("0-1d", 2), (own.GetProperty("timeToRemoval")[0].GetProperty("key").GetString(), own.GetProperty("timeToRemoval")[0].GetProperty("count").GetInt32()));
        Assert.Equal("week", own.GetProperty("interval").GetString());
        Assert.Equal(6, own.GetProperty("trend").GetArrayLength());
        Assert.Equal(1, own.GetProperty("trend")[1].GetProperty("reports").GetInt32());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("trend")[0].GetProperty("referredWithinThreeDaysShare").ValueKind);
        // B closed T4, a National route, under its own law: in the content assigned to it.
        Assert.Equal(1, assigned.GetProperty("assignedOutcomes").GetProperty("closedUnderOwnLaw").GetInt32());
        Assert.Equal(("month", 1), (assigned.GetProperty("interval").GetString(), assigned.GetProperty("trend").GetArrayLength()));
    }

    [Fact]
    public async Task OpenApi_DescribesTheIntervalAndTheNewFigures()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);

        foreach (var name in new[] { "\"interval\"", "\"RouteOutcomeFigures\"", "\"StatisticsTrendPoint\"", "\"referredWithinThreeDaysShare\"", "\"closedUnderOwnLaw\"", "\"timeToRemoval\"" })
        {
            Assert.Contains(name, document, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct))).RootElement;
}
