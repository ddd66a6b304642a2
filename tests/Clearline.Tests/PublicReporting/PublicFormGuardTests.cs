using System.Net;
using Clearline.Database;
using Clearline.PublicReporting;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The public form's guard over real HTTP: per-client rate limits keyed on a salted hash of the forwarded address,
/// single-use proof-of-work challenges, the honeypot and the no-script delay.
/// </summary>
public sealed class PublicFormGuardTests
{
    private const string Flooder = "203.0.113.7";
    private const string Neighbour = "198.51.100.9";

    [Theory]
    [BothDatabases]
    public async Task Flood_FromOneClient_IsThrottled_WhileAnotherClientGetsThrough(DatabaseProvider provider)
    {
        await using var app = await PublicFormProbe.StartAsync(provider, reportsPerClient: 3);
        var hotline = await app.CreateOrganisationAsync(country: "NL");

        var flood = new List<(HttpStatusCode Status, string Body, Microsoft.AspNetCore.Http.IHeaderDictionary Headers)>();
        for (var i = 0; i < 6; i++)
        {
            flood.Add(await PublicFormProbe.PostAsync(app, Flooder, PublicFormProbe.SolvedForm(app, hotline.Id, $"https://pictures.example.invalid/{i}")));
        }

        var neighbour = await PublicFormProbe.PostAsync(app, Neighbour, PublicFormProbe.SolvedForm(app, hotline.Id, "https://pictures.example.invalid/n"));

        Assert.All(flood.Take(3), r => Assert.True(r.Status == HttpStatusCode.Created, r.Body));
        Assert.All(flood.Skip(3), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
            Assert.Equal(PublicFormGuard.TooManyReports, r.Body);
            Assert.True(int.Parse(r.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        });
        Assert.True(neighbour.Status == HttpStatusCode.Created, neighbour.Body);
        Assert.Equal(4, await PublicFormProbe.PublicReportCountAsync(app));
        Assert.False(await PublicFormProbe.AuditMentionsAsync(app, Flooder));
    }

    [Theory]
    [BothDatabases]
    public async Task SpentChallenge_IsRefused(DatabaseProvider provider)
    {
        await using var app = await PublicFormProbe.StartAsync(provider, reportsPerClient: 10);
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        var form = PublicFormProbe.SolvedForm(app, hotline.Id, "https://pictures.example.invalid/once");

        var first = await PublicFormProbe.PostAsync(app, Flooder, form);
        var again = await PublicFormProbe.PostAsync(app, Neighbour, form);

        Assert.True(first.Status == HttpStatusCode.Created, first.Body);
        Assert.Equal((HttpStatusCode.BadRequest, PublicFormGuard.GuardRefused), (again.Status, again.Body));
        Assert.Equal(1, await PublicFormProbe.PublicReportCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task WrongSolution_Honeypot_AndNoScriptTooSoon_AreRefused(DatabaseProvider provider)
    {
        await using var app = await PublicFormProbe.StartAsync(provider, reportsPerClient: 10, bits: 12);
        var hotline = await app.CreateOrganisationAsync(country: "NL");

        var wrong = PublicFormProbe.SolvedForm(app, hotline.Id, "https://pictures.example.invalid/w");
        wrong[PublicFormGuard.NonceField] = Unsolving(wrong[PublicFormGuard.ChallengeField], 12);
        var filled = PublicFormProbe.SolvedForm(app, hotline.Id, "https://pictures.example.invalid/h");
        filled[PublicFormGuard.HoneypotField] = "https://spam.example.invalid";
        var noScript = PublicFormProbe.SolvedForm(app, hotline.Id, "https://pictures.example.invalid/s");
        noScript[PublicFormGuard.NonceField] = string.Empty;
        var forged = PublicFormProbe.SolvedForm(app, hotline.Id, "https://pictures.example.invalid/f");
        forged[PublicFormGuard.ChallengeField] = "bm90LWEtY2hhbGxlbmdl";

        Assert.Equal((HttpStatusCode.BadRequest, PublicFormGuard.GuardRefused), Answer(await PublicFormProbe.PostAsync(app, Flooder, wrong)));
        Assert.Equal((HttpStatusCode.BadRequest, PublicFormGuard.GuardRefused), Answer(await PublicFormProbe.PostAsync(app, Flooder, filled)));
        Assert.Equal((HttpStatusCode.BadRequest, PublicFormGuard.TooFast), Answer(await PublicFormProbe.PostAsync(app, Flooder, noScript)));
        Assert.Equal((HttpStatusCode.BadRequest, PublicFormGuard.GuardRefused), Answer(await PublicFormProbe.PostAsync(app, Flooder, forged)));
        Assert.Equal(0, await PublicFormProbe.PublicReportCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task StatusLookups_ArePerClientLimited(DatabaseProvider provider)
    {
        await using var app = await PublicFormProbe.StartAsync(provider);
        var empty = new Dictionary<string, string>();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= PublicFormGuard.StatusLookupsPerMinute; i++)
        {
            answers.Add((await PublicFormProbe.PostAsync(app, Flooder, empty, PublicFormProbe.StatusPath)).Status);
        }

        var neighbour = await PublicFormProbe.PostAsync(app, Neighbour, empty, PublicFormProbe.StatusPath);

        Assert.All(answers.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.OK, neighbour.Status);
    }

    private static (HttpStatusCode, string) Answer((HttpStatusCode Status, string Body, Microsoft.AspNetCore.Http.IHeaderDictionary _) r) => (r.Status, r.Body);

    private static string Unsolving(string challenge, int bits)
    {
        var nonce = 0;
        while (ProofOfWork.Solves(challenge, nonce.ToString(System.Globalization.CultureInfo.InvariantCulture), bits))
        {
            nonce++;
        }

        return nonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
