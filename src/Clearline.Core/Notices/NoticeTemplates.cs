using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Clearline.Notices;

/// <summary>A template's text split into its subject line and body, both with <c>{{placeholders}}</c>.</summary>
public sealed record NoticeTemplate(string Language, string Subject, string Body);

/// <summary>
/// The notice and reminder templates by language: Clearline's own (embedded, English) and the operator's
/// (<see cref="NoticeOptions.TemplateDirectory"/>, files <c>notice.{language}.txt</c> and <c>reminder.{language}.txt</c>),
/// the operator's winning for a language both have.
/// </summary>
/// <remarks>
/// A template's first line is <c>Subject: …</c>, then an empty line, then the body. Placeholders are
/// <c>{{hotline}}</c>, <c>{{reference}}</c>, <c>{{urls}}</c>, <c>{{foundAt}}</c>, <c>{{country}}</c>, <c>{{legalBasis}}</c>,
/// <c>{{noticeSentAt}}</c> (reminders) and <c>{{date}}</c>; a line whose placeholder has no value (no legal basis configured
/// for the country) is left out.
/// </remarks>
public sealed partial class NoticeTemplates(IOptions<NoticeOptions> options)
{
    private const string ResourcePrefix = "Clearline.Core.Notices.Templates.";

    /// <summary>The languages both a notice and a reminder template exist in, in order.</summary>
    public IReadOnlyList<string> Languages()
    {
        var notices = Available(NoticeKind.Notice);
        var reminders = Available(NoticeKind.Reminder);
        return [.. notices.Keys.Where(reminders.ContainsKey).Order(StringComparer.Ordinal)];
    }

    public NoticeTemplate? Find(NoticeKind kind, string language) =>
        Available(kind).TryGetValue(language, out var load) ? Parse(language, load()) : null;

    /// <summary>Fills the placeholders; a line whose placeholders are all empty is left out.</summary>
    public static (string Subject, string Body) Render(NoticeTemplate template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var subject = Fill(template.Subject, values).ReplaceLineEndings(" ").Trim();
        var lines = new List<string>();
        foreach (var line in template.Body.ReplaceLineEndings("\n").Split('\n'))
        {
            var names = Placeholder().Matches(line).Select(m => m.Groups[1].Value).ToList();
            if (names.Count > 0 && names.All(n => string.IsNullOrWhiteSpace(values.GetValueOrDefault(n))))
            {
                continue;
            }

            lines.Add(Fill(line, values));
        }

        return (subject, CollapseBlankLines(string.Join("\n", lines)).Trim() + "\n");
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value ?? string.Empty : m.Value);

    private static string CollapseBlankLines(string text) => BlankLines().Replace(text, "\n\n");

    private Dictionary<string, Func<string>> Available(NoticeKind kind)
    {
        var name = kind == NoticeKind.Reminder ? "reminder" : "notice";
        var found = new Dictionary<string, Func<string>>(StringComparer.Ordinal);
        var assembly = typeof(NoticeTemplates).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix + name + ".", StringComparison.Ordinal)))
        {
            if (LanguageOf(resource[ResourcePrefix.Length..], name) is { } language)
            {
                found[language] = () =>
                {
                    using var stream = assembly.GetManifestResourceStream(resource)!;
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    return reader.ReadToEnd();
                };
            }
        }

        if (options.Value.TemplateDirectory is { Length: > 0 } folder && Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, $"{name}.*.txt"))
            {
                if (LanguageOf(Path.GetFileName(file), name) is { } language)
                {
                    found[language] = () => File.ReadAllText(file, Encoding.UTF8);
                }
            }
        }

        return found;
    }

    /// <summary>"notice.de.txt" → "de"; null for a name that is not a template's.</summary>
    private static string? LanguageOf(string fileName, string name)
    {
        var match = FileName().Match(fileName);
        return match.Success && match.Groups[1].Value == name ? match.Groups[2].Value.ToLowerInvariant() : null;
    }

    private static NoticeTemplate Parse(string language, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || !lines[0].StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The notice template for '{language}' does not start with a 'Subject: …' line; fix the template file."));
        }

        return new NoticeTemplate(language, lines[0]["Subject:".Length..].Trim(), string.Join("\n", lines.Skip(1)).Trim('\n'));
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^(notice|reminder)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.txt$")]
    private static partial Regex FileName();
}
