using System.Globalization;
using System.Net;
using Clearline.Database;
using Clearline.PublicReporting;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The public form's guard on the real pages over HTTP (<c>/report/{country}</c> and <c>/report/status/{reference}</c>),
/// sent as a browser sends them (antiforgery cookie and token, the page's own challenge solved): per-client rate limits
/// keyed on a salted hash of the forwarded address, single-use proof-of-work challenges, the honeypot and the
/// no-script delay.
/// </summary>
public sealed class PublicFormGuardTests
{
    private const string Flooder = "203.0.113.7";
    private const string Neighbour = "198.51.100.9";
    private const string FormPath = "/report/nl";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Flood_FromOneClient_IsThrottled_WhileAnotherClientGetsThrough(DatabaseProvider provider)
    {
        await using var app = await PublicFormGuardApp.StartAsync(provider, reportsPerClient: 3);
        await app.CreateOrganisationAsync(country: "NL");
        using var flooder = Visitor(app, Flooder);
        using var neighbour = Visitor(app, Neighbour);

        var flood = new List<(HttpStatusCode Status, string Body, string? RetryAfter)>();
        for (var i = 0; i < 6; i++)
        {
            flood.Add(await SendAsync(flooder, string.Create(CultureInfo.InvariantCulture, $"https://pictures.example.invalid/{i}")));
        }

        var neighbours = await SendAsync(neighbour, "https://pictures.example.invalid/n");

        Assert.All(flood.Take(3), r => Assert.True(r.Status == HttpStatusCode.Redirect, r.Body));
        Assert.All(flood.Skip(3), r =>
        {
            Assert.True(r.Status == HttpStatusCode.TooManyRequests, r.Body);
            Assert.Equal(PublicFormGuardApp.Localised(r.Body, PublicFormGuard.TooManyReports), PublicFormGuardApp.Problem(r.Body));
            Assert.Contains("https://pictures.example.invalid/", r.Body, StringComparison.Ordinal);
            Assert.True(int.Parse(r.RetryAfter!, CultureInfo.InvariantCulture) >= 1);
        });
        Assert.True(neighbours.Status == HttpStatusCode.Redirect, neighbours.Body);
        Assert.Equal(4, await PublicFormGuardApp.PublicReportCountAsync(app));
        Assert.False(await PublicFormGuardApp.AuditMentionsAsync(app, Flooder));
        Assert.False(await PublicFormGuardApp.AuditMentionsAsync(app, Neighbour));
    }

    [Theory]
    [BothDatabases]
    public async Task SpentChallenge_IsRefused(DatabaseProvider provider)
    {
        await using var app = await PublicFormGuardApp.StartAsync(provider, reportsPerClient: 10);
        await app.CreateOrganisationAsync(country: "NL");
        using var first = Visitor(app, Flooder);
        using var second = Visitor(app, Neighbour);

        var firstForm = PublicVisitor.FormFields(await first.OpenAsync(FormPath), Fields("https://pictures.example.invalid/once"));
        using var taken = await first.PostAsync(FormPath, firstForm);
        var secondPage = await second.OpenAsync(FormPath);
        var replayed = PublicVisitor.FormFields(secondPage, Fields("https://pictures.example.invalid/once"));
        Replace(replayed, PublicFormGuard.ChallengeField, Value(firstForm, PublicFormGuard.ChallengeField));
        Replace(replayed, PublicFormGuard.NonceField, Value(firstForm, PublicFormGuard.NonceField));
        var again = await AnswerAsync(await second.PostAsync(FormPath, replayed));

        Assert.True(taken.StatusCode == HttpStatusCode.Redirect, await taken.Content.ReadAsStringAsync(Ct));
        Assert.True(again.Status == HttpStatusCode.BadRequest, again.Body);
        Assert.Equal(PublicFormGuardApp.Localised(again.Body, PublicFormGuard.GuardRefused), PublicFormGuardApp.Problem(again.Body));
        Assert.Equal(1, await PublicFormGuardApp.PublicReportCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task WrongSolution_Honeypot_AndNoScriptTooSoon_AreRefused(DatabaseProvider provider)
    {
        await using var app = await PublicFormGuardApp.StartAsync(provider, reportsPerClient: 10, bits: 12);
        await app.CreateOrganisationAsync(country: "NL");
        using var visitor = Visitor(app, Flooder);

        var wrong = PublicVisitor.FormFields(await visitor.OpenAsync(FormPath), Fields("https://pictures.example.invalid/w"));
        Replace(wrong, PublicFormGuard.NonceField, Unsolving(Value(wrong, PublicFormGuard.ChallengeField), 12));
        var filled = PublicVisitor.FormFields(await visitor.OpenAsync(FormPath), Fields("https://pictures.example.invalid/h"));
        Replace(filled, PublicFormGuard.HoneypotField, "https://spam.example.invalid");
        var noScript = PublicVisitor.FormFields(await visitor.OpenAsync(FormPath), Fields("https://pictures.example.invalid/s"));
        Replace(noScript, PublicFormGuard.NonceField, string.Empty);
        var forged = PublicVisitor.FormFields(await visitor.OpenAsync(FormPath), Fields("https://pictures.example.invalid/f"));
        Replace(forged, PublicFormGuard.ChallengeField, "bm90LWEtY2hhbGxlbmdl");

        await AssertRefusedAsync(visitor, wrong, PublicFormGuard.GuardRefused);
        await AssertRefusedAsync(visitor, filled, PublicFormGuard.GuardRefused);
        await AssertRefusedAsync(visitor, noScript, PublicFormGuard.TooFast);
        await AssertRefusedAsync(visitor, forged, PublicFormGuard.GuardRefused);
        Assert.Equal(0, await PublicFormGuardApp.PublicReportCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task StatusLookups_ArePerClientLimited(DatabaseProvider provider)
    {
        await using var app = await PublicFormGuardApp.StartAsync(provider);
        await app.CreateOrganisationAsync(country: "NL");
        using var reporter = Visitor(app, "192.0.2.20");
        using var flooder = Visitor(app, Flooder);
        using var neighbour = Visitor(app, Neighbour);
        using var sent = await reporter.SendAsync(await reporter.OpenAsync(FormPath), FormPath, Fields("https://pictures.example.invalid/status"));
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync(Ct));
        var status = sent.Headers.Location!.OriginalString.Split('?')[0];

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= PublicFormGuard.StatusLookupsPerMinute; i++)
        {
            using var answer = await flooder.GetAsync(status);
            answers.Add(answer.StatusCode);
        }

        using var neighbours = await neighbour.GetAsync(status);

        Assert.All(answers.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.OK, neighbours.StatusCode);
    }

    private static PublicVisitor Visitor(ClearlineTestApp app, string address) => new(app.App.GetTestServer(), forwardedFor: address);

    private static (string, string)[] Fields(string url) => [("Urls", url), ("WhatSeen", "pictures of a cat")];

    /// <summary>Opens the form for a fresh challenge and token, and sends it with <paramref name="url"/>.</summary>
    private static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> SendAsync(PublicVisitor visitor, string url) =>
        await AnswerAsync(await visitor.SendAsync(await visitor.OpenAsync(FormPath), FormPath, Fields(url)));

    private static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), retryAfter);
        }
    }

    /// <summary>A refused form comes back as the form again (400, not a redirect), with <paramref name="problem"/> in the page's language.</summary>
    private static async Task AssertRefusedAsync(PublicVisitor visitor, List<KeyValuePair<string, string>> form, string problem)
    {
        var answer = await AnswerAsync(await visitor.PostAsync(FormPath, form));
        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.Body);
        Assert.Equal(PublicFormGuardApp.Localised(answer.Body, problem), PublicFormGuardApp.Problem(answer.Body));
    }

    private static string Value(List<KeyValuePair<string, string>> form, string name) => form.Single(f => f.Key == name).Value;

    private static void Replace(List<KeyValuePair<string, string>> form, string name, string value)
    {
        form.RemoveAll(f => f.Key == name);
        form.Add(new(name, value));
    }

    private static string Unsolving(string challenge, int bits)
    {
        var nonce = 0;
        while (ProofOfWork.Solves(challenge, nonce.ToString(CultureInfo.InvariantCulture), bits))
        {
            nonce++;
        }

        return nonce.ToString(CultureInfo.InvariantCulture);
    }
}
