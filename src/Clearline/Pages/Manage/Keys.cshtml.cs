using System.Globalization;
using Clearline.Api;
using Clearline.ApiKeys;

namespace Clearline.Pages.Manage;

/// <summary>
/// The organisation's API keys: list them with when each was last used, create one with scopes under the
/// organisation's ceiling and an optional expiry (its secret shown once), revoke one after confirming.
/// </summary>
[RequirePermission(Permission.ManageOrganisation)]
public sealed class KeysModel(Caller caller, ApiKeyService keys, TimeProvider time) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The scopes a key of this organisation may hold: the only checkboxes offered.</summary>
    public IReadOnlyList<string> Ceiling { get; } = [.. ScopeCeilings.For(caller.Kind).Order(StringComparer.Ordinal)];

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    /// <summary>The secret of the key just created: shown on this one answer, never again.</summary>
    public CreatedApiKey? Created { get; private set; }

    /// <summary>The key whose revocation is being confirmed (<c>?revoke={id}</c>).</summary>
    public ApiKey? Revoking { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid? revoke, CancellationToken ct)
    {
        if (revoke is { } id)
        {
            Revoking = await keys.FindAsync(caller.OrganisationId, id, ct);
            if (Revoking is null)
            {
                return NotFound();
            }
        }

        Keys = await keys.ListAsync(caller.OrganisationId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var expires = Input.ExpiresOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            var result = await keys.CreateAsync(caller, new NewApiKey(Input.Name, Input.Scopes, expires), ct);
            if (result.IsSuccess)
            {
                Created = result.Value;
                Input = new CreateInput();
                ModelState.Clear();
            }
            else
            {
                var field = result.Error is InvalidError { Field: "expiresAt" } ? "Input.ExpiresOn" : ErrorProblems.FormField(result.Error, "Input.", otherwise: "Input.Name");
                ModelState.AddModelError(field, result.Error.Message);
            }
        }

        Keys = await keys.ListAsync(caller.OrganisationId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await keys.RevokeAsync(caller.OrganisationId, id, caller.Actor, ct);
        return result.IsSuccess ? RedirectToPage() : StatusCode(ErrorProblems.StatusCode(result.Error));
    }

    public static string When(DateTimeOffset? value, string otherwise) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : otherwise;

    public string State(ApiKey key) =>
        key.RevokedAt is not null ? "Revoked" : key.IsExpired(Now) ? "Expired" : "Active";

    public sealed class CreateInput
    {
        public string Name { get; set; } = "";

        public List<string> Scopes { get; set; } = [];

        /// <summary>The key is refused from the start of this day (UTC); empty for a key that does not expire.</summary>
        public DateOnly? ExpiresOn { get; set; }
    }
}
