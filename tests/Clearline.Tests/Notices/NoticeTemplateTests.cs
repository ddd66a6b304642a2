using Clearline.Notices;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Notices;

/// <summary>English is built in; a file in the operator's folder adds a language; placeholders without a value drop their line.</summary>
public sealed class NoticeTemplateTests
{
    [Fact]
    public void OperatorFolder_AddsALanguage()
    {
        var folder = Directory.CreateTempSubdirectory("clearline-templates-").FullName;
        File.WriteAllText(Path.Combine(folder, "notice.de.txt"), "Subject: Hinweis ({{reference}})\n\nSehr geehrte Damen und Herren,\n\n{{urls}}\n\nRechtsgrundlage: {{legalBasis}}\n\n{{hotline}}\n");
        File.WriteAllText(Path.Combine(folder, "reminder.de.txt"), "Subject: Erinnerung ({{reference}})\n\n{{urls}}\n");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a template");
        var templates = new NoticeTemplates(Options.Create(new NoticeOptions { TemplateDirectory = folder }));

        Assert.Equal(["de", "en"], templates.Languages());
        var template = templates.Find(NoticeKind.Notice, "de");
        Assert.NotNull(template);
        var (subject, body) = NoticeTemplates.Render(template, new Dictionary<string, string?>
        {
            ["reference"] = "NL-2026-17",
            ["urls"] = "- https://img.example/1.png",
            ["legalBasis"] = null,
            ["hotline"] = "Meldestelle",
        });

        Assert.Equal("Hinweis (NL-2026-17)", subject);
        Assert.Equal("Sehr geehrte Damen und Herren,\n\n- https://img.example/1.png\n\nMeldestelle\n", body);
    }

    [Fact]
    public void BuiltInEnglish_NeedsNoFolder()
    {
        var templates = new NoticeTemplates(Options.Create(new NoticeOptions()));

        Assert.Equal(["en"], templates.Languages());
        Assert.NotNull(templates.Find(NoticeKind.Reminder, "en"));
        Assert.Null(templates.Find(NoticeKind.Notice, "xx"));
    }
}
