using System.ComponentModel.DataAnnotations;
using Clearline.Account;
using Clearline.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace Clearline.Pages.Account;

/// <summary>First factor: email and password. Never says which of the two was wrong.</summary>
/// <remarks>
/// Rate limited per client address, and every failure counts towards the account's lockout, so neither one
/// address nor many can guess a password. The answer is the same for an unknown email, a wrong password and
/// a disabled or a locked account, so the answer never tells that an account exists; a locked account's owner
/// learns it from the lockout's end, not from this page.
/// </remarks>
[EnableRateLimiting(ApiPlumbing.SignInLimit)]
public sealed class LoginModel(
    SignInManager<ClearlineUser> signIn,
    UserManager<ClearlineUser> users,
    AuditTrail audit,
    ILogger<LoginModel> logger) : PageModel
{
    public const string InvalidCredentials = "Invalid email or password.";
    public const string TryLater = "Sign-in is not possible right now. Try again later.";

    // A real hash of a random password, so an unknown email costs the same hashing time as a known one.
    private static readonly Lazy<string> UnknownAccountHash = new(() =>
        new PasswordHasher<ClearlineUser>().HashPassword(new ClearlineUser(), Guid.NewGuid().ToString("N")));

    public sealed record Credentials
    {
        [Required, EmailAddress, Display(Name = "Email address")]
        public string Email { get; init; } = "";

        [Required, DataType(DataType.Password), Display(Name = "Password")]
        public string Password { get; init; } = "";
    }

    [BindProperty]
    public Credentials Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.HasClaim(ClearlineClaims.AuthenticationMethod, ClearlineClaims.MultiFactor) ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Spend the time a real password check takes, so response time does not reveal unknown accounts.
            users.PasswordHasher.VerifyHashedPassword(new ClearlineUser(), UnknownAccountHash.Value, Input.Password);
            await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, null, "reason=unknown-account");
            return Refuse(InvalidCredentials);
        }

        var wasLockedOut = await users.IsLockedOutAsync(user);
        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            await audit.AgainstAsync(HttpContext, wasLockedOut ? AuditAction.UserSignInFailed : AuditAction.UserLockedOut, user, "reason=locked-out");
            return Refuse(InvalidCredentials);
        }

        if (!check.Succeeded)
        {
            await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, user, check.IsNotAllowed ? "reason=not-allowed" : "reason=bad-password");
            return Refuse(InvalidCredentials);
        }

        if (user.MustChangePassword || !await users.GetTwoFactorEnabledAsync(user))
        {
            await AccountSetupSession.SignInAsync(HttpContext, users, user);
            return RedirectToPage("/Account/Setup");
        }

        // Issues Identity's two-factor cookie (not a session): the person is signed in only after the code.
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = SafeReturnUrl });
        }

        // Two-factor is on but no authenticator key is usable: never let the password alone through.
        await signIn.SignOutAsync();
        logger.LogWarning("Refused a sign-in that did not ask for a second factor (user {UserId})", user.Id);
        await audit.AgainstAsync(HttpContext, AuditAction.UserSignInFailed, user, "reason=no-second-factor");
        return Refuse(TryLater);
    }

    private string SafeReturnUrl => ReturnUrls.Safe(Url, ReturnUrl);

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input = Input with { Password = "" };
        return Page();
    }
}
