using System.Net;
using Clearline.Database;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The public's pages over HTTP: <c>/report/{country}</c> (the form, in the hotline's and the browser's language),
/// the thank-you and status page <c>/report/status/{reference}</c>, with antiforgery as a browser sends it.
/// </summary>
public sealed class PublicFormPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Form_Sent_RedirectsToTheReference_AndStoresTheReportInTheReportersLanguage(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        using var visitor = new PublicVisitor(app.App.GetTestServer());

        var form = await visitor.OpenAsync("/report/nl");
        Assert.Contains("<html lang=\"nl\">", form, StringComparison.Ordinal);
        Assert.Contains("Meld beelden van seksueel misbruik van kinderen", form, StringComparison.Ordinal);
        Assert.Contains(hotline.Name, form, StringComparison.Ordinal);
        Assert.Contains("id=\"send-report\"", form, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(form, "name=\"Urls\"") - CountOf(form[form.IndexOf("<details", StringComparison.Ordinal)..], "name=\"Urls\""));

        using var sent = await visitor.SendAsync(form, "/report/nl",
            ("Urls", "https://pictures.example.invalid/a"), ("Urls", ""), ("Urls", "https://pictures.example.invalid/b"),
            ("WhatSeen", "pictures of a cat"), ("WhereFound", "a link in a chat"),
            ("ContactEmail", "reporter@example.org"), ("ContactConsent", "true"), ("WantsFeedback", "true"));

        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync(Ct));
        var location = sent.Headers.Location!.OriginalString;
        Assert.Matches("^/report/status/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\\?lang=nl&sent=1$", location);
        var thanks = await visitor.OpenAsync(location);
        var reference = PublicVisitor.TextOf(thanks, "data-reference");
        Assert.Equal(location[15..34], reference);
        Assert.Contains("Bedankt voor uw melding", thanks, StringComparison.Ordinal);
        Assert.Equal("Ontvangen", PublicVisitor.TextOf(thanks, "data-status=\"received\""));
        Assert.Contains(hotline.Name, thanks, StringComparison.Ordinal);

        var stored = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var report = await db.Set<PublicReport>().SingleAsync(Ct);
            var urls = await db.Set<PublicReportUrl>().CountAsync(Ct);
            var triage = await db.Set<Report>().Select(r => r.Triage).ToListAsync(Ct);
            return (report, urls, triage, email: sp.GetRequiredService<PublicContact>().Open(report));
        });
        Assert.Equal(reference, stored.report.Reference);
        Assert.Equal(hotline.Id, stored.report.OrganisationId);
        Assert.Equal(PublicReportChannel.Form, stored.report.Channel);
        Assert.Equal("nl", stored.report.Language);
        Assert.Equal("pictures of a cat", stored.report.WhatSeen);
        Assert.True(stored.report.WantsFeedback);
        Assert.Equal("reporter@example.org", stored.email);
        Assert.Equal(2, stored.urls);
        Assert.All(stored.triage, t => Assert.Equal(ReportTriage.Pending, t));
    }

    [Fact]
    public async Task Form_GermanBrowser_GetsGerman_AmongTheHotlinesLanguages_AndTheLanguageLinksOverrule()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await app.CreateOrganisationAsync(country: "DE");
        await app.CreateOrganisationAsync(country: "NL");
        var server = app.App.GetTestServer();
        using var german = new PublicVisitor(server, "de-DE,de;q=0.9,en;q=0.8");
        using var nobody = new PublicVisitor(server);

        var form = await german.OpenAsync("/report/DE");
        Assert.Contains("<html lang=\"de\">", form, StringComparison.Ordinal);
        Assert.Contains("Meldung senden", form, StringComparison.Ordinal);
        Assert.Contains("Das Material bitte nicht herunterladen", form, StringComparison.Ordinal);
        Assert.Contains("href=\"?lang=en\"", form, StringComparison.Ordinal);

        // The Dutch hotline speaks Dutch and English: the German browser's next choice, English, wins over Dutch.
        Assert.Contains("<html lang=\"en\">", await german.OpenAsync("/report/nl"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\">", await nobody.OpenAsync("/report/nl"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", await nobody.OpenAsync("/report/nl?lang=de"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await german.OpenAsync("/report/de?lang=en"), StringComparison.Ordinal);

        var status = await german.OpenAsync("/report/status");
        Assert.Contains("Status Ihrer Meldung", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "https://ok.example.invalid/a", "ftp://files.example.invalid/x", "" }, "Urls_1", "Urls_1", "Das ist keine Webadresse")]
    [InlineData(new[] { "https://ok.example.invalid/a", "", "http://127.0.0.1/admin" }, "Urls_2", "Urls_2", "privates oder lokales Netzwerk")]
    [InlineData(new[] { "", "", "" }, "Urls", "Urls_0", "mindestens eine Webadresse")]
    public async Task Form_BadAddress_IsShownBesideItsField_InGerman_KeepingEverythingTyped(string[] urls, string field, string input, string message)
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await app.CreateOrganisationAsync(country: "DE");
        using var visitor = new PublicVisitor(app.App.GetTestServer(), "de");
        var form = await visitor.OpenAsync("/report/de");

        using var sent = await visitor.SendAsync(form, "/report/de",
            [.. urls.Select(u => ("Urls", u)), ("WhatSeen", "pictures of a cat"), ("WhereFound", "a <b>chat</b>"), ("ContactEmail", "reporter@example.org"), ("ContactConsent", "true")]);

        var html = await sent.Content.ReadAsStringAsync(Ct);
        Assert.True(sent.StatusCode == HttpStatusCode.BadRequest, html);
        Assert.Contains($"id=\"{field}-error\">", html, StringComparison.Ordinal);
        Assert.Contains(message, html[html.IndexOf($"id=\"{field}-error\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains($"href=\"#{input}\"", html, StringComparison.Ordinal);
        for (var i = 0; i < urls.Length; i++)
        {
            Assert.Equal(urls[i], PublicVisitor.InputValue(html, $"Urls_{i}") ?? "");
        }

        Assert.Contains(">pictures of a cat</textarea>", html, StringComparison.Ordinal);
        Assert.Equal("a <b>chat</b>", PublicVisitor.InputValue(html, "WhereFound"));
        Assert.Equal("reporter@example.org", PublicVisitor.InputValue(html, "ContactEmail"));
        Assert.Contains("id=\"ContactConsent\" name=\"ContactConsent\" value=\"true\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountReportsAsync(app));
    }

    [Fact]
    public async Task Form_EmailWithoutConsent_AndTheHoneypot_AreRefusedInTheReportersLanguage()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await app.CreateOrganisationAsync(country: "NL");
        using var visitor = new PublicVisitor(app.App.GetTestServer());
        var form = await visitor.OpenAsync("/report/nl");

        using var noConsent = await visitor.SendAsync(form, "/report/nl", ("Urls", "https://ok.example.invalid/"), ("ContactEmail", "reporter@example.org"));
        var html = await noConsent.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Vink dit vakje aan", html[html.IndexOf("id=\"ContactConsent-error\"", StringComparison.Ordinal)..], StringComparison.Ordinal);

        using var bot = await visitor.SendAsync(form, "/report/nl", ("Urls", "https://ok.example.invalid/"), (PublicFormGuard.HoneypotField, "https://spam.example.invalid/"));
        html = await bot.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bot.StatusCode);
        Assert.Contains("Uw melding kon niet worden aangenomen", html, StringComparison.Ordinal);
        Assert.Equal("https://ok.example.invalid/", PublicVisitor.InputValue(html, "Urls_0"));
        Assert.Equal(0, await CountReportsAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task Status_MovesFromReceivedToHandled_InTheReportersLanguage_AndNeverShowsTheAddressesOrText(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await app.CreateOrganisationAsync(country: "DE");
        using var visitor = new PublicVisitor(app.App.GetTestServer(), "de-AT");
        var form = await visitor.OpenAsync("/report/de");
        using var sent = await visitor.SendAsync(form, "/report/de",
            ("Urls", "https://secret-one.example.invalid/"), ("Urls", "https://secret-two.example.invalid/"), ("WhatSeen", "pictures of a cat"));
        var reference = PublicVisitor.TextOf(await visitor.OpenAsync(sent.Headers.Location!.OriginalString), "data-reference");

        var received = await visitor.OpenAsync("/report/status/" + reference.ToLowerInvariant());
        Assert.Equal("Eingegangen", PublicVisitor.TextOf(received, "data-status=\"received\""));
        Assert.DoesNotContain("Vielen Dank", received, StringComparison.Ordinal);

        await DecideAsync(app, 1);
        var beingHandled = await visitor.OpenAsync("/report/status/" + reference);
        Assert.Equal("In Bearbeitung", PublicVisitor.TextOf(beingHandled, "data-status=\"being-handled\""));

        await DecideAsync(app, 2);
        var handled = await visitor.OpenAsync("/report/status/" + reference);
        Assert.Equal("Bearbeitet", PublicVisitor.TextOf(handled, "data-status=\"handled\""));
        Assert.Equal("Handled", PublicVisitor.TextOf(await visitor.OpenAsync($"/report/status/{reference}?lang=en"), "data-status=\"handled\""));
        foreach (var page in new[] { received, beingHandled, handled })
        {
            Assert.DoesNotContain("secret-", page, StringComparison.Ordinal);
            Assert.DoesNotContain("cat", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_UnknownReference_Is404WithAFormToTypeItAgain()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        using var visitor = new PublicVisitor(app.App.GetTestServer(), "nl-BE");

        var unknown = await visitor.OpenAsync("/report/status/ABCD-EFGH-JKMN-PQRS", HttpStatusCode.NotFound);
        Assert.Contains("Melding niet gevonden", unknown, StringComparison.Ordinal);
        Assert.Contains("ABCD-EFGH-JKMN-PQRS", unknown, StringComparison.Ordinal);
        Assert.Contains("name=\"reference\"", unknown, StringComparison.Ordinal);

        using var typed = await visitor.GetAsync("/report/status?reference=abcd+efgh+jkmn+pqrs&lang=de");
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal("/report/status/ABCD-EFGH-JKMN-PQRS?lang=de", typed.Headers.Location!.OriginalString);

        var invalid = await visitor.OpenAsync("/report/status?reference=12345", HttpStatusCode.BadRequest);
        Assert.Contains("Een referentie heeft 16 letters en cijfers", invalid, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", invalid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithoutACountry_LetsTheReporterChoose_AndAnUnknownCountryIs404()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        var dutch = await app.CreateOrganisationAsync(country: "NL");
        var german = await app.CreateOrganisationAsync(country: "DE");
        using var visitor = new PublicVisitor(app.App.GetTestServer(), "en");

        var choice = await visitor.OpenAsync("/report");
        Assert.Contains($"<a href=\"/report/nl\">{dutch.Name}</a>", choice, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/report/de\">{german.Name}</a>", choice, StringComparison.Ordinal);
        Assert.DoesNotContain("send-report", choice, StringComparison.Ordinal);

        var unknown = await visitor.OpenAsync("/report/zz", HttpStatusCode.NotFound);
        Assert.Contains("No hotline at this address", unknown, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/report/nl\">", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_DefaultCountryAndConfiguredLanguages_ChooseTheFormAndItsLanguage()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite, new()
        {
            ["PublicReporting:DefaultCountry"] = "nl",
            ["PublicReporting:Languages:NL"] = "en,nl,xx",
        });
        var dutch = await app.CreateOrganisationAsync(country: "NL");
        using var visitor = new PublicVisitor(app.App.GetTestServer());

        var form = await visitor.OpenAsync("/report");
        Assert.Contains(dutch.Name, form, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", form, StringComparison.Ordinal);
        Assert.Contains("href=\"?lang=nl\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("?lang=xx", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_WhenPublicReportingIsOff_Are404()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite, new() { ["PublicReporting:Enabled"] = "false" });
        await app.CreateOrganisationAsync(country: "NL");
        using var visitor = new PublicVisitor(app.App.GetTestServer());

        await visitor.OpenAsync("/report/nl", HttpStatusCode.NotFound);
        await visitor.OpenAsync("/report/status", HttpStatusCode.NotFound);
    }

    private static Task<ClearlineTestApp> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Workers:Enabled"] = "false" };
        return ClearlineTestApp.StartAsync(provider, all);
    }

    /// <summary>Decides <paramref name="count"/> of the report's URLs, as triage would (the report is no longer pending).</summary>
    private static Task<int> DecideAsync(ClearlineTestApp app, int count) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        foreach (var report in await db.Set<Report>().OrderBy(r => r.Url).Take(count).ToListAsync(Ct))
        {
            report.Triage = ReportTriage.Accepted;
        }

        return await db.SaveChangesAsync(Ct);
    });

    private static Task<int> CountReportsAsync(ClearlineTestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().CountAsync(Ct));

    private static int CountOf(string html, string text)
    {
        var count = 0;
        for (var at = html.IndexOf(text, StringComparison.Ordinal); at >= 0; at = html.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
