using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Organisations;

namespace Clearline.Pages.Network;

/// <summary>The coordinator's list of the network's organisations: create, rename, country, law profile, deactivate.</summary>
/// <remarks>
/// Only people who manage the network (<see cref="Permission.ManageNetwork"/>); <see cref="NetworkAdministrator"/>
/// refuses anyone outside the coordinator again in Core.
/// </remarks>
[RequirePermission(Permission.ManageNetwork)]
public sealed class OrganisationsModel(Caller caller, OrganisationDirectory organisations) : PageModel
{
    public sealed record CreateInput
    {
        [Required, StringLength(200), Display(Name = "Name")]
        public string Name { get; init; } = "";

        [Required, Display(Name = "Kind")]
        public OrganisationKind Kind { get; init; } = OrganisationKind.Hotline;

        [Display(Name = "Country (ISO code, e.g. NL)")]
        public string? CountryCode { get; init; }

        [Display(Name = "Law profile")]
        public string? LawProfile { get; init; }
    }

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public Guid OwnOrganisationId => caller.OrganisationId;

    [BindProperty]
    public CreateInput Create { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await organisations.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var administrator = NetworkAdministrator.For(caller);
            var result = administrator.IsSuccess
                ? await organisations.CreateAsync(new NewOrganisation(Create.Name, Create.Kind, Create.CountryCode, Create.LawProfile), administrator.Value, ct)
                : administrator.Error;
            if (result.IsSuccess)
            {
                StatusMessage = $"{result.Value.Name} is created. Invite its first administrator from the command line or ask its people to be invited.";
                return RedirectToPage();
            }

            var field = result.Error is InvalidError { Field: "country" } ? "Create.CountryCode" : ErrorProblems.FormField(result.Error, "Create.");
            ModelState.AddModelError(field, result.Error.Message);
            Response.StatusCode = ErrorProblems.StatusCode(result.Error);
        }

        Organisations = await organisations.ListAsync(ct);
        return Page();
    }

    /// <remarks>Blank fields are left as they are; a blank law profile is left too (clear it through the API with "").</remarks>
    public Task<IActionResult> OnPostChangeAsync(Guid id, string? name, string? countryCode, string? lawProfile, CancellationToken ct) =>
        DoneAsync(a => organisations.ChangeAsync(id, new OrganisationChanges(Blank(name), Blank(countryCode), Blank(lawProfile)), a, ct),
            o => $"{o.Name} is saved.", ct);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) =>
        DoneAsync(a => organisations.DeactivateAsync(id, a, ct), o => $"{o.Name} is deactivated: its people are signed out and its keys refused.", ct);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct) =>
        DoneAsync(a => organisations.ReactivateAsync(id, a, ct), o => $"{o.Name} is active again.", ct);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task<IActionResult> DoneAsync(
        Func<NetworkAdministrator, Task<Result<Organisation>>> change, Func<Organisation, string> done, CancellationToken ct)
    {
        var administrator = NetworkAdministrator.For(caller);
        var result = administrator.IsSuccess ? await change(administrator.Value) : administrator.Error;
        if (result.IsSuccess)
        {
            StatusMessage = done(result.Value);
            return RedirectToPage();
        }

        Organisations = await organisations.ListAsync(ct);
        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }
}
