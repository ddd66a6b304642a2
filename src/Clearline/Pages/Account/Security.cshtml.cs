using System.ComponentModel.DataAnnotations;
using Clearline.Account;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Clearline.Pages.Account;

/// <summary>A person's own sign-in settings: password, recovery codes, authenticator, other sessions.</summary>
/// <remarks>
/// Changing the second factor asks for proof of it (a current code) even inside a session, so someone at an
/// unlocked, unattended screen cannot take the account over. Wrong codes here count towards lockout, and a
/// lockout ends every session of the account.
/// </remarks>
public sealed class SecurityModel(SignInManager<ClearlineUser> signIn, UserManager<ClearlineUser> users, AuditTrail audit) : PageModel
{
    public sealed record PasswordInput : NewPasswordInput
    {
        [Required, DataType(DataType.Password), Display(Name = "Current password")]
        public string CurrentPassword { get; init; } = "";
    }

    public sealed record CodeInput
    {
        [Required, StringLength(20), Display(Name = "Authenticator code")]
        public string Code { get; init; } = "";
    }

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    [BindProperty]
    public CodeInput Regenerate { get; set; } = new();

    [BindProperty]
    public CodeInput Reset { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? StatusMessage => Done switch
    {
        "password" => "Your password was changed. Your other sessions were signed out.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!IsValid(nameof(Password)))
        {
            return await ShowAsync(user);
        }

        var changed = await users.ChangePasswordAsync(user, Password.CurrentPassword, Password.NewPassword);
        if (!changed.Succeeded)
        {
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                ModelState.AddModelError("Password.CurrentPassword", "The current password is not correct.");
                return await RefuseAsync(user, "reason=bad-password");
            }

            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError("Password.NewPassword", error.Description);
            }

            return await ShowAsync(user);
        }

        await audit.ByUserAsync(HttpContext, AuditAction.PasswordChanged, user);
        // The stamp changed, which ends every other session; this one continues, keeping its amr=mfa claim.
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { done = "password" });
    }

    public async Task<IActionResult> OnPostRegenerateAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!IsValid(nameof(Regenerate)) || !await VerifyAuthenticatorAsync(user, Regenerate.Code))
        {
            ModelState.AddModelError("Regenerate.Code", LoginWith2faModel.InvalidCode);
            return await RefuseAsync(user, "reason=bad-code");
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SetupModel.RecoveryCodeCount) ?? []];
        await audit.ByUserAsync(HttpContext, AuditAction.RecoveryCodesGenerated, user);
        return await ShowAsync(user);
    }

    /// <remarks>A recovery code is accepted too: the usual reason to reset is a lost phone.</remarks>
    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var proven = IsValid(nameof(Reset))
            && (await VerifyAuthenticatorAsync(user, Reset.Code)
                || (await users.RedeemTwoFactorRecoveryCodeAsync(user, LoginWith2faModel.NormaliseRecoveryCode(Reset.Code))).Succeeded);
        if (!proven)
        {
            ModelState.AddModelError("Reset.Code", LoginWith2faModel.InvalidCode);
            return await RefuseAsync(user, "reason=bad-code");
        }

        // A new key, never shown until the next sign-in enrols it: the old phone's codes stop working now.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await audit.ByUserAsync(HttpContext, AuditAction.TwoFactorReset, user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // Every session carries the stamp and it is checked on every request, so all of them end now.
        await users.UpdateSecurityStampAsync(user);
        await audit.ByUserAsync(HttpContext, AuditAction.UserSignedOutEverywhere, user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }

    private async Task<PageResult> ShowAsync(ClearlineUser user)
    {
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        Password = new PasswordInput();
        Regenerate = new CodeInput();
        Reset = new CodeInput();
        return Page();
    }

    private bool IsValid(string prefix) => ModelState.GetFieldValidationState(prefix) != ModelValidationState.Invalid;

    private async Task<bool> VerifyAuthenticatorAsync(ClearlineUser user, string code)
    {
        var normalised = LoginWith2faModel.NormaliseCode(code);
        return normalised.Length is > 0 and <= 10
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalised);
    }

    /// <summary>A wrong password or code: counts towards lockout; a lockout ends every session of the account.</summary>
    private async Task<IActionResult> RefuseAsync(ClearlineUser user, string reason)
    {
        await users.AccessFailedAsync(user);
        if (!await users.IsLockedOutAsync(user))
        {
            await audit.ByUserAsync(HttpContext, AuditAction.UserSignInFailed, user, reason);
            return await ShowAsync(user);
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.ByUserAsync(HttpContext, AuditAction.UserLockedOut, user, reason);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
