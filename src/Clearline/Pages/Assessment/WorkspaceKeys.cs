using Clearline.Classification;

namespace Clearline.Pages.Assessment;

/// <summary>
/// The workspace's keys for the attributes of a decision, written into the page as <c>data-key</c> so that
/// workspace.js and the key legend can never disagree. Verdict and movement keys are fixed in the legend.
/// </summary>
public static class WorkspaceKeys
{
    public static string GenderKey(Gender gender) => gender switch
    {
        Gender.NotDetermined => "d",
        Gender.Female => "f",
        Gender.Male => "m",
        Gender.Both => "o",
        _ => throw new ArgumentOutOfRangeException(nameof(gender), gender, "No key for this gender."),
    };

    public static string FlagKey(ContentFlags flag) => flag switch
    {
        ContentFlags.Virtual => "v",
        ContentFlags.UserGenerated => "g",
        ContentFlags.ChildModelling => "c",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "No key for this flag."),
    };
}
