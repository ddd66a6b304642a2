namespace Clearline.Exchange.Ncmec;

/// <summary>
/// NCMEC's hash-sharing environments (<c>shared/INTEROP.md</c> §2.3): who may read or write them and what they hold
/// differ; each has a test twin (<see cref="NcmecSource.UseTestEnvironment"/>).
/// </summary>
public enum NcmecEnvironment
{
    IndustryCsam = 1,
    IndustryExploitative = 2,
    LawEnforcement = 3,
    NpoCsam = 4,
    NpoExploitative = 5,
    NpoGenerativeAi = 6,
}

/// <summary>Where each environment is served (as python-threatexchange's NCMEC client lists them).</summary>
public static class NcmecEnvironments
{
    public static Uri BaseUrl(NcmecEnvironment environment, bool test) => new((environment, test) switch
    {
        (NcmecEnvironment.IndustryCsam, false) => "https://report.cybertip.org/hashsharing",
        (NcmecEnvironment.IndustryCsam, true) => "https://exttest.cybertip.org/hashsharing",
        (NcmecEnvironment.IndustryExploitative, false) => "https://report.cybertip.org/exploitative-hashsharing",
        (NcmecEnvironment.IndustryExploitative, true) => "https://exttest.cybertip.org/exploitative-hashsharing",
        (NcmecEnvironment.LawEnforcement, false) => "https://lesp.ncmec.org/csam-hashsharing",
        (NcmecEnvironment.LawEnforcement, true) => "https://betalesp.ncmec.org/csam-hashsharing",
        (NcmecEnvironment.NpoCsam, false) => "https://hashsharing.ncmec.org/npo",
        (NcmecEnvironment.NpoCsam, true) => "https://hashsharing-test.ncmec.org/npo",
        (NcmecEnvironment.NpoExploitative, false) => "https://hashsharing.ncmec.org/exploitative",
        (NcmecEnvironment.NpoExploitative, true) => "https://hashsharing-test.ncmec.org/exploitative",
        (NcmecEnvironment.NpoGenerativeAi, false) => "https://hashsharing.ncmec.org/generative-ai-csam",
        (NcmecEnvironment.NpoGenerativeAi, true) => "https://hashsharing-test.ncmec.org/generative-ai-csam",
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Not an NCMEC environment."),
    });
}
