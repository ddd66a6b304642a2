using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Classification;
using Clearline.HashLists;

namespace Clearline.Pages.HashLists;

/// <summary>
/// Changes a list's settings and its category mapping, one row per category. Only what was changed is sent, so the
/// coordinator can tune the network's own list, whose name, source, kind and visibility are fixed.
/// </summary>
/// <remarks>Who may change what is decided by <see cref="HashListDirectory"/>; this page only hides what it would refuse.</remarks>
[RequirePermission(Permission.ManageHashLists)]
public sealed class EditModel(Caller asking, HashListDirectory lists) : PageModel
{
    /// <summary>Empty rows offered for new categories.</summary>
    public const int NewRows = 3;

    public HashList List { get; private set; } = null!;

    public bool IsNetworkList => List.Id == HashList.NetworkListId;

    [BindProperty]
    public EditInput Input { get; set; } = new();

    [BindProperty]
    public List<MappingRow> Rows { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        Input = new EditInput { Name = List.Name, Source = List.Source, Kind = List.Kind, Trust = List.Trust, Visibility = List.Visibility, Active = List.Active };
        Rows = [.. List.Mapping.Rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => MappingRow.From(r.Key, r.Value)), .. Enumerable.Range(0, NewRows).Select(_ => new MappingRow())];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        var mapping = ReadMapping();
        if (!ModelState.IsValid || mapping is null)
        {
            return Page();
        }

        var source = string.IsNullOrWhiteSpace(Input.Source) ? null : Input.Source.Trim();
        var changes = new HashListChanges(
            Changed(Input.Name?.Trim(), List.Name),
            source == List.Source ? null : source ?? "",
            Input.Kind == List.Kind ? null : Input.Kind,
            Input.Trust == List.Trust ? null : Input.Trust,
            Input.Visibility == List.Visibility ? null : Input.Visibility,
            mapping.ToJson() == List.Mapping.ToJson() ? null : mapping,
            Input.Active == List.Active ? null : Input.Active);
        if (IsNetworkList)
        {
            changes = changes with { Name = null, Source = null, Kind = null, Visibility = null };
        }

        var caller = HashListCaller.For(asking);
        var result = await lists.UpdateAsync(id, changes, caller, ct);
        switch (result.Error)
        {
            case null:
                return RedirectToPage("Details", new { id });
            case NotListManager:
                return Forbid();
            case NotFoundError:
                return NotFound();
            default:
                ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Input."), result.Error.Message);
                return Page();
        }
    }

    /// <summary>Loads the list; null when the person may edit it, otherwise the answer to give.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);

        if (await lists.GetAsync(id, caller.Viewer, ct) is not { } summary)
        {
            return NotFound();
        }

        List = summary.List;
        var coordinatorOnNetworkList = IsNetworkList && caller.Viewer.Kind == Organisations.OrganisationKind.Coordinator;
        return List.IsManagedBy(caller.Viewer.OrganisationId) || coordinatorOnNetworkList ? null : Forbid();
    }

    /// <summary>The mapping the rows describe; blank new rows are ignored, a category named twice is an error.</summary>
    private CategoryMapping? ReadMapping()
    {
        var rules = new Dictionary<string, CategoryRule>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            var category = row.Uncategorised ? CategoryMapping.Uncategorised : row.Category?.Trim() ?? "";
            if (!row.Uncategorised && category.Length == 0)
            {
                continue;
            }

            if (!Enum.IsDefined(row.Outcome))
            {
                ModelState.AddModelError($"Rows[{i}].Outcome", "Choose an outcome.");
            }
            else if (!rules.TryAdd(category, new CategoryRule(row.Outcome, row.Flags)))
            {
                ModelState.AddModelError($"Rows[{i}].Category", $"The category '{category}' is named twice.");
            }
        }

        return ModelState.IsValid ? new CategoryMapping(rules) : null;
    }

    private static string? Changed(string? value, string current) => value is null || value == current ? null : value;

    public sealed class EditInput
    {
        [StringLength(200)]
        public string? Name { get; set; }

        [StringLength(200)]
        public string? Source { get; set; }

        public HashListKind Kind { get; set; }

        public HashListTrust Trust { get; set; }

        public HashListVisibility Visibility { get; set; }

        public bool Active { get; set; }
    }

    /// <summary>One category of the mapping as the form shows it.</summary>
    public sealed class MappingRow
    {
        /// <summary>The row for entries without a category (a VICS <c>null</c>); its text box is not shown.</summary>
        public bool Uncategorised { get; set; }

        [StringLength(50)]
        public string? Category { get; set; }

        public CategoryOutcome Outcome { get; set; } = CategoryOutcome.Suggest;

        public bool Virtual { get; set; }

        public bool UserGenerated { get; set; }

        public bool ChildModelling { get; set; }

        public ContentFlags Flags =>
            (Virtual ? ContentFlags.Virtual : 0) | (UserGenerated ? ContentFlags.UserGenerated : 0) | (ChildModelling ? ContentFlags.ChildModelling : 0);

        public static MappingRow From(string category, CategoryRule rule) => new()
        {
            Uncategorised = category.Length == 0,
            Category = category,
            Outcome = rule.Outcome,
            Virtual = rule.Flags.HasFlag(ContentFlags.Virtual),
            UserGenerated = rule.Flags.HasFlag(ContentFlags.UserGenerated),
            ChildModelling = rule.Flags.HasFlag(ContentFlags.ChildModelling),
        };
    }
}
