using Microsoft.AspNetCore.Authorization;

namespace Clearline.Pages;

public static class PageConventions
{
    private static readonly HashSet<string> Anonymous = ["/Account/Login", "/Account/LoginWith2fa", "/Account/AccessDenied", "/Error", "/PublicReport/Index", "/PublicReport/Status"];

    private static readonly HashSet<string> AccountSetup = ["/Account/Setup"];

    /// <summary>Every page states who may open it; the default is a fully signed-in person.</summary>
    /// <remarks>
    /// Only the pages that lead to a full sign-in, and the public's report form and status page, are open: a visitor with no session reaches nothing else,
    /// and a person part-way through first sign-in (one-time password, no authenticator yet) reaches only
    /// the set-up page.
    /// </remarks>
    public static void Apply(RazorPagesOptions options) =>
        options.Conventions.AddFolderApplicationModelConvention("/", page =>
            page.EndpointMetadata.Add(
                Anonymous.Contains(page.ViewEnginePath) ? new AllowAnonymousAttribute()
                : AccountSetup.Contains(page.ViewEnginePath) ? new AuthorizeAttribute(Policies.AccountSetup)
                : page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal) ? new RequirePermissionAttribute(Permission.ManageSystem)
                : new AuthorizeAttribute(Policies.Person)));
}
