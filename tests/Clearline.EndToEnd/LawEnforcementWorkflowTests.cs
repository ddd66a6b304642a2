using System.IO.Compression;
using System.Text;
using Clearline.Cli;
using Clearline.Demo;
using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// Police and INTERPOL in a real browser: the Dutch hotline reports the demo board hosted in the Netherlands and one
/// hosted in Germany, classifies the eight pictures Baseline and refers one Dutch-hosted picture to the Dutch police as a
/// possible new victim. The Dutch police see it and nothing of Germany, place an investigation hold that refuses the
/// hotline's notice, download an evidence package that <c>clearline evidence verify</c> accepts (and rejects once one
/// byte changed) and send feedback the hotline reads. INTERPOL sees all eight, finds the referred item escalated,
/// exports an ICSE batch whose CSV has ICSE's header, imports it back as ICSE's answer, and the items show "in ICSE".
/// </summary>
public sealed class LawEnforcementWorkflowTests
{
    private const string DutchAnalyst = "analyst.nl@demo.clearline.invalid";
    private const string DutchOfficer = "officer.nl@demo.clearline.invalid";
    private const string GermanOfficer = "officer.de@demo.clearline.invalid";
    private const string InterpolOfficer = "officer@interpol.demo.clearline.invalid";
    private const string IcseHeader = "MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReferHoldEvidenceFeedback_ThenInterpolEscalatesAndHandsToIcse_EndToEnd()
    {
        await using var server = await ClearlineServer.StartAsync(Ct);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var analyst = await HotlineSteps.SignInAsync(browser, server, DutchAnalyst);
            var analystProblems = ConsoleProblems.Watch(analyst.Page);
            await HotlineSteps.InsertReportAsync(analyst, server.Site.BoardUrl(DemoSite.NetherlandsBoard).ToString(), "E2E-NL");
            await HotlineSteps.WaitForCrawlAsync(analyst);
            await HotlineSteps.InsertReportAsync(analyst, server.Site.BoardUrl(2).ToString(), "E2E-DE");
            await HotlineSteps.WaitForCrawlAsync(analyst);
            await ClassifyAllBaselineAsync(analyst, items: 8);
            var route = await ReferToPoliceAsync(analyst);

            var officer = await HotlineSteps.SignInAsync(browser, server, DutchOfficer);
            var officerProblems = ConsoleProblems.Watch(officer.Page);
            var (referral, sha256) = await AcceptTheReferralAsync(officer);
            await SeeOnlyDutchContentAsync(officer, browser, server, referral);
            await PlaceHoldAsync(officer, sha256);
            await NoticeIsRefusedAsync(analyst, server, route);
            await DownloadAndVerifyEvidenceAsync(officer, referral);
            await GiveFeedbackAsync(officer, referral, analyst, route);

            var interpol = await HotlineSteps.SignInAsync(browser, server, InterpolOfficer);
            var interpolProblems = ConsoleProblems.Watch(interpol.Page);
            await SeeEscalatedAsync(interpol, sha256);
            var csv = await ExportToIcseAsync(interpol);
            await ImportIcsesAnswerAsync(interpol, csv);

            analystProblems.AssertNone();
            officerProblems.AssertNone();
            interpolProblems.AssertNone();
        }
    }

    /// <summary>In the workspace: selects every item with x and the arrow keys and decides Baseline (age group 2) for all.</summary>
    private static async Task ClassifyAllBaselineAsync(Analyst analyst, int items)
    {
        var page = analyst.Page;
        await analyst.OpenAsync("/Assessment");
        var tiles = page.Locator("#queue-grid .tile");
        await Expect(tiles).ToHaveCountAsync(items);
        await page.Locator("#queue-grid .tile").First.FocusAsync();
        for (var tile = 0; tile < items; tile++)
        {
            await page.Keyboard.PressAsync("x");
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator("#queue-grid .tile input.tile__checkbox:checked")).ToHaveCountAsync(items);
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("b");
        await Expect(page.Locator("#workspace-status")).ToHaveTextAsync($"Baseline: {items} items.");
    }

    /// <summary>The Dutch analyst opens the first content URL hosted in the Netherlands and reports it to police as a possible new victim.</summary>
    private static async Task<string> ReferToPoliceAsync(Analyst analyst)
    {
        var page = analyst.Page;
        // Content is routed by a job once the items are decided: reload until all four arrived.
        var rows = page.Locator("#routes-table tbody tr[data-route-id]");
        await HotlineSteps.UntilAsync(analyst, "/Routes", async () => await rows.CountAsync() == 4, "the four decided content URLs routed");
        await page.Locator("#routes-table a.route-open").First.ClickAsync();
        await page.SelectOptionAsync("#Input_Kind", "ReportedToLea");
        var reason = await page.Locator("#Input_Reason optgroup[data-kind='ReportedToLea'] option[value='PossibleNewVictim']").ElementHandleAsync();
        await page.SelectOptionAsync("#Input_Reason", reason);
        await page.FillAsync("#Input_Note", "The child in this picture may not be identified yet.");
        await page.ClickAsync("#record-action");
        await Expect(page.Locator("#referral")).ToContainTextAsync("Demo National Police Netherlands");
        return new Uri(page.Url).PathAndQuery;
    }

    /// <summary>The Dutch officer finds the referral in the queue, opens it (blurred) and accepts it; returns its page and item.</summary>
    private static async Task<(string Referral, string Sha256)> AcceptTheReferralAsync(Analyst officer)
    {
        var page = officer.Page;
        await officer.OpenAsync("/Police");
        await Expect(page.Locator("#referrals-table tbody tr[data-referral-id]")).ToHaveCountAsync(1);
        await page.Locator("#referrals-table tbody a").First.ClickAsync();
        await Expect(page.Locator(".portal-item img.portal-item__preview")).ToBeVisibleAsync();
        var sha256 = await page.Locator(".portal-item").First.GetAttributeAsync("data-sha256") ?? throw new InvalidOperationException("No item on the referral.");
        await page.ClickAsync("#accept");
        await Expect(page.Locator("#referral-status")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "police-referral");
        return (new Uri(page.Url).PathAndQuery, sha256);
    }

    /// <summary>The Dutch unit sees the four Dutch-hosted pictures; the German unit sees the four German-hosted ones, and the Dutch referral is 404 to it.</summary>
    private static async Task SeeOnlyDutchContentAsync(Analyst officer, IBrowser browser, ClearlineServer server, string referral)
    {
        await officer.OpenAsync("/Police/Content");
        await Expect(officer.Page.Locator(".portal-item")).ToHaveCountAsync(4);

        var german = await HotlineSteps.SignInAsync(browser, server, GermanOfficer);
        await german.OpenAsync("/Police/Content");
        await Expect(german.Page.Locator(".portal-item")).ToHaveCountAsync(4);
        var dutchItems = await officer.Page.Locator(".portal-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.sha256)");
        var germanItems = await german.Page.Locator(".portal-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.sha256)");
        Assert.Empty(dutchItems.Intersect(germanItems));
        var response = await german.Page.GotoAsync(new Uri(server.BaseAddress, referral).ToString());
        Assert.Equal(404, response?.Status);
        await german.Page.Context.CloseAsync();
    }

    /// <summary>From the referral, the officer asks the hotline not to notify the host for a month, without sharing the reason.</summary>
    private static async Task PlaceHoldAsync(Analyst officer, string sha256)
    {
        var page = officer.Page;
        await page.GoBackAsync();
        await officer.OpenAsync($"/Police/Holds?sha256={sha256}");
        await Expect(page.Locator("#Input_MediaSha256")).ToHaveValueAsync(sha256);
        await page.FillAsync("#Input_Until", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#Input_Reason", "Operation Lantern");
        await page.Locator("#place-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#active-holds tbody tr[data-hold-id]")).ToHaveCountAsync(1);
    }

    /// <summary>The hotline's notice to the host is refused with the date, and the route says the content is on hold.</summary>
    /// <remarks>The refusal answers 403 by design, so it is tried on a page of its own, outside the watched one.</remarks>
    private static async Task NoticeIsRefusedAsync(Analyst analyst, ClearlineServer server, string route)
    {
        var page = await analyst.Page.Context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, route).ToString());
        await Expect(page.Locator("#investigation-hold")).ToContainTextAsync("reason not shared");
        await page.SelectOptionAsync("#Input_Kind", "ReportedToHost");
        var reason = await page.Locator("#Input_Reason optgroup[data-kind='ReportedToHost'] option[value='IllegalContent']").ElementHandleAsync();
        await page.SelectOptionAsync("#Input_Reason", reason);
        await page.ClickAsync("#record-action");
        await Expect(page.Locator("#route-error")).ToContainTextAsync("asked not to notify the host until");
        await page.CloseAsync();
    }

    /// <summary>The evidence package of the referral verifies offline with the real command, and fails once one byte of one file changed.</summary>
    private static async Task DownloadAndVerifyEvidenceAsync(Analyst officer, string referral)
    {
        await officer.OpenAsync(referral);
        var download = await officer.Page.RunAndWaitForDownloadAsync(() => officer.Page.ClickAsync("#download-evidence"));
        var folder = Directory.CreateTempSubdirectory("clearline-e2e-evidence-").FullName;
        try
        {
            var package = Path.Combine(folder, "evidence.zip");
            await download.SaveAsAsync(package);
            Assert.Equal(0, await ClearlineCommandLine.Create().Parse(["evidence", "verify", package]).InvokeAsync(cancellationToken: Ct));

            var tampered = Path.Combine(folder, "tampered.zip");
            File.Copy(package, tampered);
            await using (var zip = await ZipFile.OpenAsync(tampered, ZipArchiveMode.Update, Ct))
            {
                var original = zip.Entries.First(e => e.Name.StartsWith("original", StringComparison.Ordinal));
                var name = original.FullName;
                byte[] bytes;
                await using (var read = await original.OpenAsync(Ct))
                using (var copy = new MemoryStream())
                {
                    await read.CopyToAsync(copy, Ct);
                    bytes = copy.ToArray();
                }

                bytes[bytes.Length / 2] ^= 0x01;
                original.Delete();
                await using var write = await zip.CreateEntry(name).OpenAsync(Ct);
                await write.WriteAsync(bytes, Ct);
            }

            Assert.NotEqual(0, await ClearlineCommandLine.Create().Parse(["evidence", "verify", tampered]).InvokeAsync(cancellationToken: Ct));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The officer sends feedback; the hotline reads it on its route.</summary>
    private static async Task GiveFeedbackAsync(Analyst officer, string referral, Analyst analyst, string route)
    {
        await officer.OpenAsync(referral);
        await officer.Page.SelectOptionAsync("#Feedback_Outcome", "VictimIdentified");
        await officer.Page.FillAsync("#Feedback_Note", "The child was identified and is safe.");
        await officer.Page.ClickAsync("#give-feedback");
        await Expect(officer.Page.Locator("#feedback")).ToContainTextAsync("The child was identified and is safe.");

        await analyst.OpenAsync(route);
        await Expect(analyst.Page.Locator("#referral-feedback")).ToContainTextAsync("The child was identified and is safe.");
    }

    /// <summary>INTERPOL's queue holds all eight pictures (hosted in both countries); the referred one is escalated as a possible new victim.</summary>
    private static async Task SeeEscalatedAsync(Analyst interpol, string referredSha256)
    {
        await interpol.OpenAsync("/Interpol");
        await Expect(interpol.Page.Locator("#icse-queue > li")).ToHaveCountAsync(8);
        await Screenshots.SaveAsync(interpol.Page, "interpol-queue");

        await interpol.OpenAsync("/Interpol/Escalations");
        var open = interpol.Page.Locator("#escalations-Open > li");
        await Expect(open).ToHaveCountAsync(8);
        await Expect(interpol.Page.Locator($"#escalations-Open .portal-item[data-sha256='{referredSha256}']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(interpol.Page, "escalations");
    }

    /// <summary>Exports the queue to ICSE, downloads the batch and returns its <c>icse.csv</c>, which has ICSE's header and eight rows.</summary>
    private static async Task<string> ExportToIcseAsync(Analyst interpol)
    {
        var page = interpol.Page;
        await interpol.OpenAsync("/Interpol");
        await page.Locator("#export-form button[data-action=export]").ClickAsync();
        await Expect(page.Locator("#batches-table tbody tr[data-batch-id]")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#batches-table button[data-action=download]").First.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, Ct);
        var entry = zip.GetEntry("icse.csv") ?? throw new InvalidOperationException("The batch holds no icse.csv.");
        using var reader = new StreamReader(await entry.OpenAsync(Ct), Encoding.UTF8);
        var csv = await reader.ReadToEndAsync(Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(IcseHeader, lines[0]);
        Assert.Equal(8, lines.Length - 1);
        Assert.Equal(8, zip.Entries.Count(e => e.FullName.StartsWith("originals/", StringComparison.Ordinal)));
        return csv;
    }

    /// <summary>INTERPOL imports ICSE's answer as a police-database list; the eight items show "in ICSE".</summary>
    private static async Task ImportIcsesAnswerAsync(Analyst interpol, string csv)
    {
        var page = interpol.Page;
        await interpol.OpenAsync("/HashLists/Create");
        await page.FillAsync("#Input_Name", "ICSE answer");
        await page.FillAsync("#Input_Source", "INTERPOL ICSE");
        await page.SelectOptionAsync("#Input_Kind", "PoliceDatabase");
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await page.ClickAsync("a:has-text('Import a file')");
        await page.SelectOptionAsync("#format", "icse");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "icse.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
        var state = page.Locator("#import-progress [data-field='state']");
        await HotlineSteps.UntilAsync(interpol, new Uri(page.Url).PathAndQuery, async () => await state.InnerTextAsync() == "Completed", "the ICSE import");

        await interpol.OpenAsync("/Interpol?showInIcse=true&showHandedOver=true");
        await Expect(page.Locator("#icse-queue > li[data-in-icse='true']")).ToHaveCountAsync(8);
    }
}
