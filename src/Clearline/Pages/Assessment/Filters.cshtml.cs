using System.ComponentModel.DataAnnotations;
using Clearline.Classification;

namespace Clearline.Pages.Assessment;

/// <summary>The analyst's own preview filters: how much extra blur, and greyscale or colour.</summary>
/// <remarks>Only people who may classify, and only their own settings (the analyst is the session's user). Previews are blurred whatever is chosen here.</remarks>
[RequirePermission(Permission.Classify)]
public sealed class FiltersModel(Caller caller, Wellbeing wellbeing) : PageModel
{
    [BindProperty]
    public FiltersInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filters = (await wellbeing.TodayAsync(caller.PrincipalId, ct)).Filters;
        Input = new FiltersInput { BlurStrength = filters.BlurStrength, Greyscale = filters.Greyscale };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await wellbeing.SetFiltersAsync(caller.PrincipalId, new FilterSettings(Input.BlurStrength!.Value, Input.Greyscale), ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("Input.BlurStrength", result.Error.Message);
            return Page();
        }

        Saved = true;
        return Page();
    }

    public sealed class FiltersInput
    {
        [Required(ErrorMessage = "Enter a blur strength between 0 and 100.")]
        [Range(0, AnalystFilters.MaxBlurStrength, ErrorMessage = "The blur strength must be between 0 and 100.")]
        [Display(Name = "Extra blur (0 to 100)")]
        public int? BlurStrength { get; set; }

        [Display(Name = "Greyscale previews")]
        public bool Greyscale { get; set; }
    }
}
