using Clearline.Account;

namespace Clearline.Pages.Account;

/// <summary>Ends this browser's session. Signing out changes state, so it is a POST with an antiforgery token.</summary>
/// <remarks>A GET only shows a button: a link or image elsewhere must not be able to sign a person out.</remarks>
public sealed class LogoutModel(SignInManager<ClearlineUser> signIn, UserManager<ClearlineUser> users, AuditTrail audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await audit.ByUserAsync(HttpContext, AuditAction.UserSignedOut, user);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
