using System.ComponentModel.DataAnnotations;
using Clearline.Account;
using Clearline.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace Clearline.Pages.Account;

/// <summary>Second factor: a code from the authenticator app, or one of the person's recovery codes.</summary>
/// <remarks>
/// Reachable only with Identity's two-factor cookie, which the password step issues. Wrong codes count towards
/// the same lockout as wrong passwords, and the page is rate limited like the password step, so six digits
/// cannot be guessed; wrong recovery codes count too (Identity does not count them itself). Only a passed second factor yields a session with <c>amr=mfa</c>, which every other
/// page requires.
/// </remarks>
[EnableRateLimiting(ApiPlumbing.SignInLimit)]
public sealed class LoginWith2faModel(
    SignInManager<ClearlineUser> signIn,
    UserManager<ClearlineUser> users,
    AuthenticatorCodeReuse reuse,
    AuditTrail audit) : PageModel
{
    public const string InvalidCode = "That code is not valid. Check the time on your phone and try again.";
    public const string CodeAlreadyUsed = "That code was already used. Wait for the next code in your authenticator app and enter it.";

    public sealed record CodeInput
    {
        [StringLength(10), Display(Name = "Authenticator code")]
        public string? Code { get; init; }

        [StringLength(20), Display(Name = "Recovery code")]
        public string? RecoveryCode { get; init; }
    }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = NormaliseCode(Input.Code);
        if (!ModelState.IsValid || code.Length == 0)
        {
            return Refuse(InvalidCode);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (!result.Succeeded && !result.IsLockedOut && await users.GetAuthenticatorKeyAsync(user) is { } key
            && await reuse.WasUsedAsync(user, key, code, HttpContext.RequestAborted))
        {
            await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, user, "reason=reused-code");
            return Refuse(CodeAlreadyUsed);
        }

        return await CompleteAsync(user, result, usedRecoveryCode: false);
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = NormaliseRecoveryCode(Input.RecoveryCode);
        if (!ModelState.IsValid || code.Length == 0)
        {
            return Refuse(InvalidCode);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return await CompleteAsync(user, Microsoft.AspNetCore.Identity.SignInResult.LockedOut, usedRecoveryCode: true);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (!result.Succeeded)
        {
            // Identity leaves wrong recovery codes uncounted; they are guesses like any other.
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            }
        }

        return await CompleteAsync(user, result, usedRecoveryCode: true);
    }

    private async Task<IActionResult> CompleteAsync(ClearlineUser user, Microsoft.AspNetCore.Identity.SignInResult result, bool usedRecoveryCode)
    {
        if (result.Succeeded)
        {
            if (usedRecoveryCode)
            {
                await audit.ByUserAsync(HttpContext, AuditAction.RecoveryCodeRedeemed, user);
            }

            await audit.ByUserAsync(HttpContext, AuditAction.UserSignedIn, user, usedRecoveryCode ? "recovery-code" : null);
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            await audit.AgainstAsync(HttpContext, AuditAction.UserLockedOut, user, "reason=bad-code");
            return Refuse(LoginModel.TryLater);
        }

        await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, user, usedRecoveryCode ? "reason=bad-recovery-code" : "reason=bad-code");
        return Refuse(InvalidCode);
    }

    /// <summary>People type "123 456" or "123-456"; the code itself is the six digits.</summary>
    public static string NormaliseCode(string? code) =>
        string.Concat((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-'));

    /// <summary>Recovery codes are stored as "XXXXX-XXXXX" in upper case; accept them typed without the hyphen or in lower case.</summary>
    public static string NormaliseRecoveryCode(string? code)
    {
        var compact = string.Concat((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return compact.Length == 10 ? string.Concat(compact.AsSpan(0, 5), "-", compact.AsSpan(5)) : compact;
    }

    private PageResult Refuse(string message)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
        Input = new CodeInput();
        return Page();
    }
}
