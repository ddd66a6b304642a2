using Clearline.Deconfliction;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Shared;

/// <summary>What the interests panel of an item shows: the interests around it and where the form returns to.</summary>
public sealed record InterestsPanel(ItemInterests Interests, string ReturnUrl);

/// <summary>
/// Deconfliction on a portal page: for an item, the other organisations with an interest in it, a hash it matched or its
/// site (who, since when, a contact; never notes), and the form to declare or withdraw the organisation's own interest.
/// Invoked as <c>@await Component.InvokeAsync("Interests", new { sha256 = … })</c> on referral and escalation pages.
/// </summary>
/// <remarks>Renders nothing for anyone but a police unit or INTERPOL, and nothing for an item they do not see.</remarks>
public sealed class InterestsViewComponent(RequestCaller requestCaller, Overlaps overlaps) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string sha256)
    {
        if (requestCaller.Current is not { } caller || Officer.For(caller) is not { IsPolice: true } and not { IsInterpol: true })
        {
            return Content(string.Empty);
        }

        var result = await overlaps.ForItemAsync(Officer.For(caller), sha256, HttpContext.RequestAborted);
        return result.IsSuccess
            ? View(new InterestsPanel(result.Value, $"{HttpContext.Request.Path}{HttpContext.Request.QueryString}"))
            : Content(string.Empty);
    }
}
