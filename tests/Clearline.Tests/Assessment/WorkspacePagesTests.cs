using System.Net;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Media.Tests;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.Assessment;

/// <summary>The classification workspace as an analyst uses it with the forms alone (the keyboard layer presses the same buttons).</summary>
public sealed class WorkspacePagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Queue_ShowsTheHotlinesItemsBlurred_AndNotAnotherHotlines(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var other = await network.JoinAsync("DE");
        var mine = await network.FoundAsync(BenignImages.SceneJpeg(96, 64, seed: 1), hotline);
        var theirs = await network.FoundAsync(BenignImages.SceneJpeg(96, 64, seed: 2), other);
        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);

        Assert.Contains("href=\"/Assessment\"", await analyst.Browser.OpenAsync("/"), StringComparison.Ordinal);
        var page = await analyst.Browser.OpenAsync("/Assessment");
        Assert.Equal([mine], WorkspaceSession.GridItems(page));
        foreach (var id in new[] { "key-legend", "workspace-status", "wellbeing-reveals", "wellbeing-minutes" })
        {
            Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains("aria-keyshortcuts=\"B\"", page, StringComparison.Ordinal);
        Assert.Contains($"src=\"/Assessment?handler=Preview&amp;sha256={mine}&amp;greyscale=true\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"tile__preview blur-50\"", page, StringComparison.Ordinal);
        Assert.Contains("<dd data-field=\"format\">Jpeg</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<video", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", page, StringComparison.Ordinal);

        using var preview = await analyst.Browser.GetAsync($"/Assessment?handler=Preview&sha256={mine}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("image/", preview.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("no-store", preview.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var item = await analyst.Browser.OpenAsync($"/Assessment/Item/{mine}");
        Assert.Contains("https://img.example/", item, StringComparison.Ordinal);
        Assert.Contains("id=\"history-empty\"", item, StringComparison.Ordinal);

        // Another hotline's item is not this hotline's to see, preview, reveal or decide.
        foreach (var path in new[] { $"/Assessment/Item/{theirs}", $"/Assessment?handler=Preview&sha256={theirs}" })
        {
            using var response = await analyst.Browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var reveal = await analyst.Browser.SubmitAsync(page, "/Assessment?handler=Reveal", ("item", theirs));
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        var refused = await analyst.DecideAsync(page, "Classify", ("Input.Items", theirs), ("Input.Verdict", "Baseline"));
        Assert.StartsWith("Refused: No such item", WorkspaceSession.StatusLine(refused), StringComparison.Ordinal);
        Assert.Equal(0, await network.InDatabaseAsync(db => db.Set<MediaClassification>().CountAsync(Ct)));
    }

    [Theory]
    [BothDatabases]
    public async Task Classify_SeveralSelected_RemovesThemAndRecordsTheDecisions_AndUndoBringsOneBack(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var items = new List<string>();
        for (var seed = 10; seed < 13; seed++)
        {
            items.Add(await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed), hotline));
        }

        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        var page = await analyst.Browser.OpenAsync("/Assessment");
        Assert.Equal(items.Order(StringComparer.Ordinal), WorkspaceSession.GridItems(page).Order(StringComparer.Ordinal));

        var after = await analyst.DecideAsync(page, "Classify",
            ("Input.Items", items[0]), ("Input.Items", items[1].ToUpperInvariant()), ("Input.Verdict", "Baseline"),
            ("Input.AgeGroup", "PrePubescent"), ("Input.Gender", "Both"), ("Input.Flags", "Virtual"), ("Input.Flags", "ChildModelling"), ("Input.ReturnTo", "queue"));

        Assert.Equal("Baseline: 2 items.", WorkspaceSession.StatusLine(after));
        Assert.Equal([items[2]], WorkspaceSession.GridItems(after));
        var decisions = await network.InDatabaseAsync(db => db.Set<MediaClassification>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(items[..2].Order(StringComparer.Ordinal), decisions.Select(d => d.MediaSha256).Order(StringComparer.Ordinal));
        Assert.All(decisions, d => Assert.Equal(
            (Verdict.Baseline, AgeGroup.PrePubescent, Gender.Both, ContentFlags.Virtual | ContentFlags.ChildModelling, analyst.UserId, hotline.Organisation.Id),
            (d.Verdict, d.AgeGroup, d.Gender, d.Flags, d.UserId!.Value, d.OrganisationId!.Value)));

        var history = await analyst.Browser.OpenAsync($"/Assessment/Item/{items[0]}");
        Assert.Contains("data-current=\"true\"", history, StringComparison.Ordinal);
        Assert.Contains("Virtual (computer-generated), Child modelling", history, StringComparison.Ordinal);

        var undone = await analyst.DecideAsync(after, "Undo");
        Assert.StartsWith("Undone: your Baseline decision", WorkspaceSession.StatusLine(undone), StringComparison.Ordinal);
        Assert.Equal(2, WorkspaceSession.GridItems(undone).Count);

        var nothing = await analyst.DecideAsync(undone, "Classify", ("Input.Verdict", "NotIllegal"));
        Assert.StartsWith("Nothing done: select at least one item", WorkspaceSession.StatusLine(nothing), StringComparison.Ordinal);
        var noVerdict = await analyst.DecideAsync(undone, "Classify", ("Input.Items", items[2]));
        Assert.StartsWith("Nothing classified: choose a verdict", WorkspaceSession.StatusLine(noVerdict), StringComparison.Ordinal);
        Assert.Equal(2, WorkspaceSession.GridItems(noVerdict).Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Classify_AfterAColleagueDecided_ShowsTheConflictOnTheTile_AndWritesNothing(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var contested = await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed: 20), hotline);
        var free = await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed: 21), hotline);
        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        using var colleague = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        var seen = await analyst.Browser.OpenAsync("/Assessment");

        var colleagues = await colleague.DecideAsync(await colleague.Browser.OpenAsync("/Assessment"), "Classify", ("Input.Items", contested), ("Input.Verdict", "NotIllegal"));
        Assert.Equal("Not illegal: 1 item.", WorkspaceSession.StatusLine(colleagues));

        var after = await analyst.DecideAsync(seen, "Classify", ("Input.Items", contested), ("Input.Items", free), ("Input.Verdict", "Baseline"));

        var status = WorkspaceSession.StatusLine(after);
        Assert.Contains("Baseline: 1 item.", status, StringComparison.Ordinal);
        Assert.Contains($"Conflict: another analyst classified item {contested[..12]} Not illegal", status, StringComparison.Ordinal);
        var conflicts = after[after.IndexOf("id=\"workspace-conflicts\"", StringComparison.Ordinal)..];
        Assert.Contains($"class=\"tile tile--conflict\" data-sha256=\"{contested}\" data-conflict", conflicts, StringComparison.Ordinal);
        var decisions = await network.InDatabaseAsync(db => db.Set<MediaClassification>().AsNoTracking().Where(c => c.MediaSha256 == contested).ToListAsync(Ct));
        Assert.Equal(colleague.UserId, Assert.Single(decisions).UserId);
        Assert.Equal(1, await network.InDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.ClassificationConflicted, Ct)));

        // The item's page names the decision seen; deciding it again there succeeds.
        var item = await analyst.Browser.OpenAsync($"/Assessment/Item/{contested}");
        Assert.Contains("name=\"Input.ExpectedCurrentId\"", item, StringComparison.Ordinal);
        using var again = await analyst.Browser.SubmitAsync(item, "/Assessment?handler=Classify",
            ("Input.Items", contested), ("Input.Verdict", "National"), ("Input.ReturnTo", "item"), ("Input.ExpectedCurrentId", decisions[0].Id.ToString()));
        Assert.Equal($"/Assessment/Item/{contested}", again.Headers.Location?.OriginalString);
        Assert.Equal("National: 1 item.", WorkspaceSession.StatusLine(await analyst.Browser.OpenAsync(again.Headers.Location!.OriginalString)));
    }

    [Theory]
    [BothDatabases]
    public async Task Reveal_SendsTheOriginal_AuditedAndCounted(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var original = BenignImages.SceneJpeg(96, 64, seed: 30);
        var item = await network.FoundAsync(original, hotline);
        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        var page = await analyst.Browser.OpenAsync("/Assessment");
        Assert.Contains("data-action=\"reveal\"", page, StringComparison.Ordinal);

        using var revealed = await analyst.Browser.SubmitAsync(page, "/Assessment?handler=Reveal", ("item", item));

        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("image/jpeg", revealed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(original, await revealed.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("no-store", revealed.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var audited = await network.InDatabaseAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.ContentViewed && e.Target == $"blob:{item}").ToListAsync(Ct));
        Assert.Equal((AuditActorKind.User, analyst.UserId.ToString()), (Assert.Single(audited).ActorKind, audited[0].ActorId));
        Assert.Contains("id=\"wellbeing-reveals\">1<", await analyst.Browser.OpenAsync("/Assessment"), StringComparison.Ordinal);

        // A reveal needs the form's antiforgery token: a link or image elsewhere cannot trigger one.
        using var forged = await analyst.Browser.PostAsync("/Assessment?handler=Reveal", new FormUrlEncodedContent([new("item", item)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single(await network.InDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.ContentViewed).ToListAsync(Ct)));
    }
}
