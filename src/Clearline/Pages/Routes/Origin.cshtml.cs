using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>
/// Records the origin host behind a CDN from the route page's "Behind a CDN" form: on success back to the route
/// page with a message; otherwise this page shows the form again with the backend's reason and the status the API
/// would answer (403 another hotline, 409 not behind a CDN or changed meanwhile, 400 invalid). A GET shows the form.
/// </summary>
[RequirePermission(Permission.Act)]
public sealed class OriginModel(Caller caller, RouteViewers viewers, CdnOrigins origins) : PageModel
{
    [BindProperty]
    public OriginInput Input { get; set; } = new();

    public CdnOriginView Route { get; private set; } = null!;

    public string? Error { get; private set; }

    /// <summary>Read by the route page after the redirect.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(await viewers.FindAsync(caller, ct), id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);
        var result = await origins.RecordAsync(viewer, id, Input.CountryCode, Input.IpAddress, Input.Organisation, caller.Actor, ct);
        if (result.IsSuccess)
        {
            StatusMessage = "The origin behind the CDN is recorded: the content is routed to the hotline of the origin's country.";
            return RedirectToPage("/Routes/Details", new { id });
        }

        if (result.Error is NotFoundError || !await LoadAsync(viewer, id, ct))
        {
            return NotFound();
        }

        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }

    private async Task<bool> LoadAsync(RouteViewer viewer, Guid id, CancellationToken ct)
    {
        if (await origins.ForRouteAsync(viewer, id, ct) is not { } route)
        {
            return false;
        }

        Route = route;
        return true;
    }
}

/// <summary>The origin host behind a CDN, as the CDN disclosed it.</summary>
public sealed class OriginInput
{
    [Display(Name = "Origin's hosting country (ISO code, e.g. DE)")]
    public string? CountryCode { get; set; }

    [Display(Name = "Origin's IP address (optional)")]
    public string? IpAddress { get; set; }

    [Display(Name = "Origin's organisation (optional)")]
    public string? Organisation { get; set; }
}
