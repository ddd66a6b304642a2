using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Clearline.Account;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Clearline.Pages.Account;

public enum SetupStep
{
    ChangePassword,
    EnrolAuthenticator,
    Done,
}

/// <summary>First sign-in: replace the one-time password, then enrol an authenticator; only then a session.</summary>
/// <remarks>
/// Open only with the set-up cookie that the password step issues, and only while its security stamp is
/// current. There is no way round it: a person with a one-time password or without an authenticator gets no
/// session at all, so no account in Clearline is ever used with a password alone.
/// </remarks>
public sealed class SetupModel(SignInManager<ClearlineUser> signIn, UserManager<ClearlineUser> users, AuditTrail audit) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public sealed record PasswordInput : NewPasswordInput
    {
        [Required, DataType(DataType.Password), Display(Name = "One-time password")]
        public string CurrentPassword { get; init; } = "";
    }

    public sealed record EnrolInput
    {
        [Required, StringLength(10), Display(Name = "Code from the app")]
        public string Code { get; init; } = "";
    }

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    [BindProperty]
    public EnrolInput Enrol { get; set; } = new();

    public SetupStep Step { get; private set; }

    public AuthenticatorEnrolment? Authenticator { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await AccountSetupSession.FindUserAsync(HttpContext, users);
        return user is null ? await AbandonAsync() : await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await AccountSetupSession.FindUserAsync(HttpContext, users);
        if (user is null || !user.MustChangePassword)
        {
            return user is null ? await AbandonAsync() : RedirectToPage();
        }

        // Only this form's fields: the other form's inputs are absent from this post.
        if (ModelState.GetFieldValidationState(nameof(Password)) == ModelValidationState.Invalid)
        {
            return await ShowAsync(user);
        }

        if (string.Equals(Password.CurrentPassword, Password.NewPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Password.NewPassword", "Choose a new password, not the one-time password.");
            return await ShowAsync(user);
        }

        var changed = await users.ChangePasswordAsync(user, Password.CurrentPassword, Password.NewPassword);
        if (!changed.Succeeded)
        {
            await AddPasswordErrorsAsync(user, changed);
            return await ShowAsync(user);
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.ByUserAsync(HttpContext, AuditAction.PasswordChanged, user, "reason=one-time-password");
        await AccountSetupSession.SignInAsync(HttpContext, users, user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnrolAsync()
    {
        var user = await AccountSetupSession.FindUserAsync(HttpContext, users);
        if (user is null || user.MustChangePassword || user.TwoFactorEnabled)
        {
            return user is null ? await AbandonAsync() : RedirectToPage();
        }

        var code = LoginWith2faModel.NormaliseCode(Enrol.Code);
        var valid = code.Length > 0
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            await users.AccessFailedAsync(user);
            await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, user, "reason=bad-enrolment-code");
            ModelState.Clear();
            ModelState.AddModelError("Enrol.Code", "That code does not match. Check the time on your phone and try again.");
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.ByUserAsync(HttpContext, AuditAction.TwoFactorEnabled, user);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.ByUserAsync(HttpContext, AuditAction.RecoveryCodesGenerated, user);

        await AccountSetupSession.SignOutAsync(HttpContext);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(ClearlineClaims.AuthenticationMethod, ClearlineClaims.MultiFactor)]);
        await audit.ByUserAsync(HttpContext, AuditAction.UserSignedIn, user, "first-sign-in");
        Step = SetupStep.Done;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync() => await AbandonAsync();

    private async Task<IActionResult> ShowAsync(ClearlineUser user)
    {
        if (user.MustChangePassword)
        {
            Step = SetupStep.ChangePassword;
            return Page();
        }

        if (user.TwoFactorEnabled)
        {
            // Nothing left to set up (finished in another tab): sign in properly.
            return await AbandonAsync();
        }

        // One key per account until enrolment: reloading the page must not invalidate a code already scanned.
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
            await AccountSetupSession.SignInAsync(HttpContext, users, user);
        }

        Step = SetupStep.EnrolAuthenticator;
        Authenticator = AuthenticatorEnrolment.For(user.Email ?? user.UserName ?? "", key);
        return Page();
    }

    private async Task AddPasswordErrorsAsync(ClearlineUser user, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
            {
                // A wrong one-time password counts towards lockout like any wrong password.
                await users.AccessFailedAsync(user);
                await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, user, "reason=bad-password");
                ModelState.AddModelError("Password.CurrentPassword", "The one-time password is not correct.");
            }
            else
            {
                ModelState.AddModelError("Password.NewPassword", error.Description);
            }
        }
    }

    private async Task<IActionResult> AbandonAsync()
    {
        await AccountSetupSession.SignOutAsync(HttpContext);
        return RedirectToPage("/Account/Login");
    }
}
