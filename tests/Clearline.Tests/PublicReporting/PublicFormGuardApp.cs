using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Pages.PublicReport;
using Clearline.PublicReporting;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The real app set up to test the public form's guard on its real pages: clients are told apart by
/// <c>X-Forwarded-For</c> from a trusted proxy on loopback (see <see cref="PublicVisitor"/>), as behind a reverse proxy.
/// </summary>
internal static partial class PublicFormGuardApp
{
    private static readonly ResourceManager Texts = new("Clearline.Resources.Pages.PublicReport.PublicReportTexts", typeof(PublicReportTexts).Assembly);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<ClearlineTestApp> StartAsync(DatabaseProvider provider, int reportsPerClient = 3, int bits = 8) =>
        ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Workers:Enabled"] = "false",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["PublicReporting:ReportsPerClient"] = reportsPerClient.ToString(CultureInfo.InvariantCulture),
            ["PublicReporting:RateWindow"] = "01:00:00",
            ["PublicReporting:ProofOfWorkBits"] = bits.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>
    /// The guard fields of a form page's <paramref name="html"/>, solved as the browser's script solves them: what a test
    /// that sends the real form adds to its fields.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> SolvedGuardFields(string html)
    {
        var challenge = ChallengePattern().Match(html).Groups[1].Value;
        var bits = BitsPattern().Match(html).Groups[1].Value;
        if (challenge.Length == 0 || bits.Length == 0)
        {
            return [];
        }

        var pow = new PowChallenge(WebUtility.HtmlDecode(challenge), int.Parse(bits, CultureInfo.InvariantCulture));
        return [new(PublicFormGuard.ChallengeField, pow.Value), new(PublicFormGuard.NonceField, ProofOfWork.Solve(pow))];
    }

    /// <summary>The text of <paramref name="key"/> in the language of the page <paramref name="html"/> (its <c>html lang</c>).</summary>
    public static string Localised(string html, string key)
    {
        var language = LanguagePattern().Match(html).Groups[1].Value;
        return Texts.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new InvalidOperationException(key);
    }

    /// <summary>The form-wide problem the form page <paramref name="html"/> shows (the summary's link to the send button).</summary>
    public static string Problem(string html) => PublicVisitor.TextOf(html, "href=\"#send-report\"");

    public static Task<int> PublicReportCountAsync(ClearlineTestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().CountAsync(Ct));

    /// <summary>Whether any audit entry holds <paramref name="address"/> (it never should).</summary>
    public static Task<bool> AuditMentionsAsync(ClearlineTestApp app, string address) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .AnyAsync(e => e.ClientIp == address || (e.Detail != null && e.Detail.Contains(address)), Ct));

    [GeneratedRegex("name=\"pow-challenge\" value=\"([^\"]+)\"")]
    private static partial Regex ChallengePattern();

    [GeneratedRegex("data-pow-bits=\"(\\d+)\"")]
    private static partial Regex BitsPattern();

    [GeneratedRegex("<html lang=\"([^\"]+)\"")]
    private static partial Regex LanguagePattern();
}
