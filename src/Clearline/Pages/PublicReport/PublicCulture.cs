using System.Globalization;
using System.Resources;
using Clearline.PublicReporting;
using Microsoft.Extensions.Options;

namespace Clearline.Pages.PublicReport;

/// <summary>The language a public page speaks, and the languages its language links offer.</summary>
public sealed record PublicLanguage(CultureInfo Culture, IReadOnlyList<CultureInfo> Offered);

/// <summary>
/// Chooses the public pages' language: <c>?lang=</c> (the language links), else the first of the browser's
/// <c>Accept-Language</c> among the hotline's languages, else the hotline's first language.
/// </summary>
/// <remarks>
/// The languages on offer are those with a resource file (<see cref="Available"/>): adding a language is adding
/// <c>PublicReportTexts.{language}.resx</c>. A hotline's languages come from <c>PublicReporting:Languages:{country}</c>,
/// else from <see cref="Defaults"/>; languages without texts are left out.
/// </remarks>
public sealed class PublicCulture(IOptions<PublicReportingOptions> options)
{
    private static readonly Dictionary<string, string[]> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NL"] = ["nl", "en"],
        ["DE"] = ["de", "en"],
        ["AT"] = ["de", "en"],
        ["BE"] = ["nl", "fr", "en"],
    };

    private static readonly Lazy<IReadOnlyList<CultureInfo>> Found = new(FindAvailable);

    /// <summary>English, then every language with a satellite resource file, by name.</summary>
    public static IReadOnlyList<CultureInfo> Available => Found.Value;

    /// <summary>The languages of the hotline of <paramref name="country"/>, its first the default; every available language when no hotline is known.</summary>
    public IReadOnlyList<CultureInfo> LanguagesOf(string? country)
    {
        if (string.IsNullOrEmpty(country))
        {
            return Available;
        }

        var code = country.Trim().ToUpperInvariant();
        var configured = options.Value.Languages.FirstOrDefault(l => string.Equals(l.Key, code, StringComparison.OrdinalIgnoreCase)).Value;
        var names = configured is not null
            ? configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : Defaults.GetValueOrDefault(code, ["en"]);
        var languages = names.Select(Supported).OfType<CultureInfo>().Distinct().ToList();
        return languages.Count > 0 ? languages : [Available[0]];
    }

    /// <summary>The language for one request to a page of the hotline of <paramref name="country"/>.</summary>
    public PublicLanguage Choose(HttpRequest request, string? country)
    {
        ArgumentNullException.ThrowIfNull(request);
        var offered = LanguagesOf(country);
        if (Supported(request.Query["lang"]) is { } chosen)
        {
            return new PublicLanguage(chosen, offered.Contains(chosen) ? offered : [.. offered, chosen]);
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(a => a.Quality is not 0)
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => Supported(a.Value.Value))
            .FirstOrDefault(c => c is not null && offered.Contains(c));
        return new PublicLanguage(accepted ?? offered[0], offered);
    }

    /// <summary>The available language <paramref name="name"/> is, or falls back to (<c>de-AT</c> → <c>de</c>); null when none.</summary>
    public static CultureInfo? Supported(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 20)
        {
            return null;
        }

        var language = name.Trim().Split('-', '_')[0];
        return Available.FirstOrDefault(c => string.Equals(c.Name, language, StringComparison.OrdinalIgnoreCase));
    }

    private static List<CultureInfo> FindAvailable()
    {
        var assembly = typeof(PublicReportTexts).Assembly;
        var resources = new ResourceManager("Clearline.Resources.Pages.PublicReport.PublicReportTexts", assembly);
        var folder = Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory;
        var satellite = assembly.GetName().Name + ".resources.dll";
        var found = Directory.EnumerateDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, satellite)))
            .Select(d => Culture(Path.GetFileName(d)))
            .OfType<CultureInfo>()
            .Where(c => c.IsNeutralCulture && resources.GetResourceSet(c, createIfNotExists: true, tryParents: false) is not null)
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        return [CultureInfo.GetCultureInfo("en"), .. found.Where(c => c.Name != "en")];
    }

    private static CultureInfo? Culture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
