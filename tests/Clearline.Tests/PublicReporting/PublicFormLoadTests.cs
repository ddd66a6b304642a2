using System.Net;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The load test's shape, bounded (the numbers are <c>bench publicform</c>'s): many clients sending well-behaved
/// reports while one floods; every well-behaved report is taken, the flood is throttled, nothing is lost. Counts only.
/// </summary>
public sealed class PublicFormLoadTests
{
    private const int Clients = 10;
    private const int ReportsEach = 2;
    private const int PerClientLimit = 3;
    private const int Flood = 40;

    [Theory]
    [BothDatabases]
    public async Task ManyClients_AndAFlood_EveryWellBehavedReportIsTaken_TheFloodThrottled(DatabaseProvider provider)
    {
        await using var app = await PublicFormProbe.StartAsync(provider, reportsPerClient: PerClientLimit, bits: 6);
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        var wellBehaved = Enumerable.Range(0, Clients).SelectMany(c => Enumerable.Range(0, ReportsEach).Select(r =>
            (Client: $"198.18.0.{c + 1}", Form: PublicFormProbe.SolvedForm(app, hotline.Id, $"https://pictures.example.invalid/{c}/{r}")))).ToList();
        var flood = Enumerable.Range(0, Flood).Select(i => PublicFormProbe.SolvedForm(app, hotline.Id, $"https://pictures.example.invalid/flood/{i}")).ToList();

        var flooding = Task.WhenAll(flood.Select(f => PublicFormProbe.PostAsync(app, "198.18.1.1", f)));
        var sent = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var answers = new List<HttpStatusCode>();
            foreach (var report in wellBehaved.Where(w => w.Client == $"198.18.0.{c + 1}"))
            {
                answers.Add((await PublicFormProbe.PostAsync(app, report.Client, report.Form)).Status);
            }

            return answers;
        }));
        var flooded = await flooding;

        Assert.All(sent.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(PerClientLimit, flooded.Count(f => f.Status == HttpStatusCode.Created));
        Assert.Equal(Flood - PerClientLimit, flooded.Count(f => f.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal((Clients * ReportsEach) + PerClientLimit, await PublicFormProbe.PublicReportCountAsync(app));
    }
}
