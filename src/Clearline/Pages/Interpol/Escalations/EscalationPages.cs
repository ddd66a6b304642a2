using Clearline.Escalation;
using Clearline.Pages.Portal;
using Clearline.Pages.Routes;

namespace Clearline.Pages.Interpol.Escalations;

/// <summary>How the escalation pages show an escalation's item and causes.</summary>
public static class EscalationPages
{
    /// <summary>The item as the portals show it (blurred, greyscale; reveal audited) with the escalation's facts.</summary>
    public static PortalItemView Item(EscalationView escalation, bool canReveal)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        return new PortalItemView(
            escalation.MediaSha256,
            [
                ("State", escalation.State.Describe()),
                ("Age group", escalation.AgeGroup.Describe()),
                ("Reporting hotline", escalation.HotlineName),
                ("Opened", RoutePages.Date(escalation.OpenedAt)),
            ],
            canReveal);
    }

    public static string Cause(EscalationCauseView cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return cause.Kind == EscalationCauseKind.NewMaterial
            ? $"New material: classified illegal by {cause.HotlineName}, matching no hash list"
            : $"Referral by {cause.HotlineName} to {cause.PoliceName ?? "a police unit"}: possible new victim";
    }
}
