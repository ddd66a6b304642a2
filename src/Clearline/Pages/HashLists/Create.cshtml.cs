using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.HashLists;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Clearline.Pages.HashLists;

/// <summary>Creates a list the person's organisation owns; its mapping starts as the scheme's default.</summary>
[RequirePermission(Permission.ManageHashLists)]
public sealed class CreateModel(Caller asking, HashListDirectory lists) : PageModel
{
    /// <summary>The kinds an organisation may give its own list (own classifications are the network's alone).</summary>
    public static IEnumerable<SelectListItem> Kinds { get; } =
        new[] { HashListKind.PoliceDatabase, HashListKind.HotlineNetwork, HashListKind.Industry }.Select(k => new SelectListItem(k.ToString(), k.ToString())).ToList();

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await lists.CreateAsync(
            new NewHashList(Input.Name, Input.Source, Input.Kind, Input.Trust, Input.Visibility, Input.Scheme), caller, ct);
        if (result.IsSuccess)
        {
            return RedirectToPage("Details", new { id = result.Value.Id });
        }

        ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Input.", otherwise: "Input.Name"), result.Error.Message);
        return Page();
    }

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Name the list.")]
        [StringLength(200)]
        public string Name { get; set; } = "";

        [StringLength(200)]
        public string? Source { get; set; }

        public HashListKind Kind { get; set; } = HashListKind.HotlineNetwork;

        public HashListTrust Trust { get; set; } = HashListTrust.SuggestOnly;

        public HashListVisibility Visibility { get; set; } = HashListVisibility.OwnOrganisation;

        public CategoryScheme Scheme { get; set; } = CategoryScheme.VicsUs;
    }
}
