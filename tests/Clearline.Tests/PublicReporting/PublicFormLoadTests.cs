using System.Globalization;
using System.Net;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The load test's shape, bounded (the numbers are <c>bench publicform</c>'s), on the real form page: many clients sending
/// well-behaved reports while one floods; every well-behaved report is taken, the flood is throttled, nothing is lost.
/// Counts only.
/// </summary>
public sealed class PublicFormLoadTests
{
    private const int Clients = 10;
    private const int ReportsEach = 2;
    private const int PerClientLimit = 3;
    private const int Flood = 40;
    private const string FormPath = "/report/nl";

    [Theory]
    [BothDatabases]
    public async Task ManyClients_AndAFlood_EveryWellBehavedReportIsTaken_TheFloodThrottled(DatabaseProvider provider)
    {
        await using var app = await PublicFormGuardApp.StartAsync(provider, reportsPerClient: PerClientLimit, bits: 6);
        await app.CreateOrganisationAsync(country: "NL");
        var server = app.App.GetTestServer();
        using var flooder = new PublicVisitor(server, forwardedFor: "198.18.1.1");
        var clients = Enumerable.Range(0, Clients).Select(c => new PublicVisitor(server, forwardedFor: Address(c))).ToList();
        try
        {
            // The flooder's forms are all read first (one antiforgery cookie, a challenge each), then sent at once.
            await flooder.OpenAsync(FormPath);
            var flood = new List<List<KeyValuePair<string, string>>>();
            for (var i = 0; i < Flood; i++)
            {
                flood.Add(PublicVisitor.FormFields(await flooder.OpenAsync(FormPath), Fields(Url($"flood/{i}"))));
            }

            var flooding = Task.WhenAll(flood.Select(async form =>
            {
                using var answer = await flooder.PostAsync(FormPath, form);
                return answer.StatusCode;
            }));
            var sent = await Task.WhenAll(clients.Select(async (client, c) =>
            {
                var answers = new List<HttpStatusCode>();
                for (var r = 0; r < ReportsEach; r++)
                {
                    using var answer = await client.SendAsync(await client.OpenAsync(FormPath), FormPath, Fields(Url($"{c}/{r}")));
                    answers.Add(answer.StatusCode);
                }

                return answers;
            }));
            var flooded = await flooding;

            Assert.All(sent.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.Redirect, s));
            Assert.Equal(PerClientLimit, flooded.Count(f => f == HttpStatusCode.Redirect));
            Assert.Equal(Flood - PerClientLimit, flooded.Count(f => f == HttpStatusCode.TooManyRequests));
            Assert.Equal((Clients * ReportsEach) + PerClientLimit, await PublicFormGuardApp.PublicReportCountAsync(app));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static string Address(int client) => string.Create(CultureInfo.InvariantCulture, $"198.18.0.{client + 1}");

    private static string Url(FormattableString path) => "https://pictures.example.invalid/" + path.ToString(CultureInfo.InvariantCulture);

    private static (string, string)[] Fields(string url) => [("Urls", url), ("WhatSeen", "pictures of a cat")];
}
