using System.Collections;
using System.Globalization;
using System.Resources;
using Clearline.Pages.PublicReport;
using Clearline.PublicReporting;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.PublicReporting;

/// <summary>The public pages' languages: those with a resource file, each translating every text, offered per hotline.</summary>
public sealed class PublicCultureTests
{
    [Fact]
    public void Available_IsEnglish_ThenEveryLanguageWithAResourceFile()
    {
        Assert.Equal(["en", "de", "nl"], PublicCulture.Available.Select(c => c.Name));
    }

    [Fact]
    public void EveryLanguage_TranslatesEveryText()
    {
        var resources = new ResourceManager("Clearline.Resources.Pages.PublicReport.PublicReportTexts", typeof(PublicReportTexts).Assembly);
        var english = Keys(resources, CultureInfo.InvariantCulture);
        Assert.Contains("TooManyReports", english);
        foreach (var language in PublicCulture.Available.Skip(1))
        {
            Assert.Equal(english, Keys(resources, language));
        }
    }

    [Theory]
    [InlineData("nl", "nl,en")]
    [InlineData("AT", "de,en")]
    [InlineData("BE", "nl,en")]
    [InlineData("FR", "en")]
    public void LanguagesOf_AHotline_AreItsDefaults_LessThoseWithoutTexts(string country, string expected)
    {
        var culture = new PublicCulture(Options.Create(new PublicReportingOptions()));

        Assert.Equal(expected, string.Join(',', culture.LanguagesOf(country).Select(c => c.Name)));
    }

    [Fact]
    public void LanguagesOf_ConfiguredCountry_FollowsTheSetting()
    {
        var options = new PublicReportingOptions();
        options.Languages["fr"] = "de, nl";

        Assert.Equal("de,nl", string.Join(',', new PublicCulture(Options.Create(options)).LanguagesOf("FR").Select(c => c.Name)));
    }

    private static SortedSet<string> Keys(ResourceManager resources, CultureInfo culture) =>
        new(resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key), StringComparer.Ordinal);
}
