using Clearline.Classification;
using Clearline.Identity;
using Clearline.Pages;
using Clearline.Reports;
using Clearline.Takedown;

namespace Clearline.Tests.Pages;

/// <summary>Screens say words, not enum names, and every duration the one way.</summary>
public sealed class WordsTests
{
    [Fact]
    public void EnumValues_AreWords()
    {
        Assert.Equal("Not determined", Gender.NotDetermined.Describe());
        Assert.Equal("Not determined", SiteType.NotDetermined.Describe());
        Assert.Equal("American Express", PaymentMethods.AmericanExpress.Describe());
        Assert.Equal("Reported to police", TakedownActionKind.ReportedToLea.Describe());
        Assert.Equal("Reported to police", TakedownState.ReportedToLea.Describe());
        Assert.Equal("Pre-pubescent", AgeGroup.PrePubescent.Describe());
        Assert.Equal("Image board", SiteType.ImageBoard.Describe());
        Assert.Equal("Error 404 (not found) or site down", ActionReason.Error404NotFoundOrSiteDown.Describe());
        Assert.Equal("Administrator", Role.OrgAdmin.Describe());
        Assert.Equal("Visa, SMS", (PaymentMethods.Visa | PaymentMethods.Sms).Describe());
        Assert.Equal("Virtual (computer-generated), Self-generated", (ContentFlags.Virtual | ContentFlags.UserGenerated).Describe());
        Assert.Equal("None", ((Role?)null).Describe("None"));
    }

    /// <summary>No value of an enum shown on a screen reads as its PascalCase name of two words or more (a brand's own spelling aside).</summary>
    [Fact]
    public void NoValue_ReadsAsItsName()
    {
        Type[] shown =
        [
            typeof(Gender), typeof(AgeGroup), typeof(Verdict), typeof(SiteType), typeof(Commerciality), typeof(PaymentMethods),
            typeof(TakedownActionKind), typeof(TakedownState), typeof(ActionReason), typeof(Role), typeof(Clearline.Organisations.OrganisationKind),
            typeof(Clearline.Routing.RouteEventKind), typeof(ReportBatchStatus),
        ];
        var raw = shown.SelectMany(t => Enum.GetValues(t).Cast<Enum>())
            .Where(v => v.ToString().Skip(1).Any(char.IsUpper) && v.Describe() == v.ToString() && !v.Equals(PaymentMethods.PayPal))
            .Select(v => $"{v.GetType().Name}.{v}");
        Assert.Empty(raw);
    }

    [Theory]
    [InlineData(0, 0, 0, 30, "under 1 min")]
    [InlineData(0, 0, 4, 10, "4 min")]
    [InlineData(0, 3, 12, 0, "3 h 12 min")]
    [InlineData(0, 3, 0, 0, "3 h 0 min")]
    [InlineData(2, 4, 30, 0, "2 d 4 h")]
    public void Durations_HaveOneFormat(int days, int hours, int minutes, int seconds, string words) =>
        Assert.Equal(words, Words.Duration(new TimeSpan(days, hours, minutes, seconds)));

    [Fact]
    public void RoutesAndStatistics_SayDurationsTheSameWay()
    {
        var duration = TimeSpan.FromMinutes(4);
        Assert.Equal("4 min", Clearline.Pages.Routes.RoutePages.Duration(duration));
        Assert.Equal("4 min", Clearline.Pages.Statistics.IndexModel.Duration(duration));
    }
}
