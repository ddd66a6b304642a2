
namespace Clearline.Pages.Account;

/// <summary>Shown when a signed-in person opens something their role does not allow.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
