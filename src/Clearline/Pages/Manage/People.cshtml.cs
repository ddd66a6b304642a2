using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Clearline.Pages.Manage;

/// <summary>The organisation's people: invite, change a role, disable and enable, unlock, reset an authenticator.</summary>
/// <remarks>
/// Only the organisation's administrators (<see cref="Permission.ManageUsers"/>); <see cref="UserAdministration"/>
/// acts on the caller's own organisation only, so a person id from elsewhere is not found. A one-time password is
/// shown in the answer to the invitation only: never stored, never put in a cookie or a redirect.
/// </remarks>
[RequirePermission(Permission.ManageUsers)]
public sealed class PeopleModel(Caller caller, UserDirectory directory, UserAdministration administration) : PageModel
{
    public sealed record InviteInput
    {
        [Required, EmailAddress, Display(Name = "Email address")]
        public string Email { get; init; } = "";

        [Required, Display(Name = "Role")]
        public Role Role { get; init; } = Role.Analyst;
    }

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Roles => [.. UserDirectory.RolesFor(caller.Kind).Select(r => new SelectListItem(RoleName(r), r.ToString()))];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    /// <summary>Set in the answer to a successful invitation only.</summary>
    public CreatedUser? Invited { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public Guid CurrentUserId => caller.PrincipalId;

    public async Task OnGetAsync(CancellationToken ct) => People = await directory.ListAsync(caller.OrganisationId, ct);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await administration.InviteAsync(PeopleAdministrator.For(caller), Invite.Email, Invite.Role, ct);
            if (result.IsSuccess)
            {
                Invited = result.Value;
                Invite = new InviteInput();
                ModelState.Clear();
            }
            else
            {
                ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Invite."), result.Error.Message);
                Response.StatusCode = ErrorProblems.StatusCode(result.Error);
            }
        }

        People = await directory.ListAsync(caller.OrganisationId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(Guid id, Role role, CancellationToken ct) =>
        DoneAsync(administration.ChangeRoleAsync(PeopleAdministrator.For(caller), id, role, ct), p => $"{p.Email} is now {RoleName(p.Role)}; their sessions ended.", ct);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        DoneAsync(administration.DisableAsync(PeopleAdministrator.For(caller), id, ct), p => $"{p.Email} is disabled and signed out everywhere.", ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        DoneAsync(administration.EnableAsync(PeopleAdministrator.For(caller), id, ct), p => $"{p.Email} may sign in again.", ct);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) =>
        DoneAsync(administration.UnlockAsync(PeopleAdministrator.For(caller), id, ct), p => $"{p.Email} is unlocked.", ct);

    public Task<IActionResult> OnPostResetAuthenticatorAsync(Guid id, CancellationToken ct) =>
        DoneAsync(administration.ResetAuthenticatorAsync(PeopleAdministrator.For(caller), id, ct),
            p => $"{p.Email}'s authenticator is reset: they are signed out and enrol a new one at their next sign-in.", ct);

    /// <summary>The role as people say it.</summary>
    public static string RoleName(Role role) => role switch
    {
        Role.Analyst => "Analyst",
        Role.Supervisor => "Supervisor",
        Role.OrgAdmin => "Administrator",
        Role.LeaOfficer => "Police officer",
        Role.InterpolOfficer => "INTERPOL officer",
        Role.Coordinator => "Coordinator",
        Role.SystemAdmin => "System administrator",
        _ => role.ToString(),
    };

    public static string Standing(Person person) => person switch
    {
        { Disabled: true } => "Disabled",
        { LockedOut: true } => "Locked out",
        { MustChangePassword: true } => "Invited (has not signed in yet)",
        { AuthenticatorEnrolled: false } => "Must enrol an authenticator",
        _ => "Active",
    };

    private async Task<IActionResult> DoneAsync(Task<Result<Person>> change, Func<Person, string> done, CancellationToken ct)
    {
        var result = await change;
        if (result.IsSuccess)
        {
            StatusMessage = done(result.Value);
            return RedirectToPage();
        }

        People = await directory.ListAsync(caller.OrganisationId, ct);
        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }
}
