using System.Globalization;
using Clearline.PublicReporting;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Clearline.Pages.PublicReport;

/// <summary>
/// Marks a page of the public: answers 404 while <see cref="PublicReportingOptions.Enabled"/> is off, and speaks the
/// language <see cref="PublicCulture"/> chooses for the whole request, the handler and the rendering alike.
/// </summary>
/// <remarks>
/// A resource filter, because it wraps the page's result too: a culture set in a page handler would be lost when the
/// handler returns, before the page is rendered.
/// </remarks>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicPageAttribute : Attribute, IAsyncResourceFilter
{
    /// <summary>Whether the page belongs to one hotline (route value <c>country</c>, else the default country), whose languages it offers.</summary>
    public bool ForHotline { get; init; }

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<PublicReportingOptions>>().Value;
        if (!options.Enabled)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var country = ForHotline ? context.RouteData.Values["country"] as string ?? options.DefaultCountry : null;
        var language = http.RequestServices.GetRequiredService<PublicCulture>().Choose(http.Request, country);
        http.Items[typeof(PublicLanguage)] = language;
        http.Response.Headers.ContentLanguage = language.Culture.Name;
        http.Response.Headers.Append("Vary", "Accept-Language");
        CultureInfo.CurrentCulture = language.Culture;
        CultureInfo.CurrentUICulture = language.Culture;
        await next();
    }

    /// <summary>The language of the current public page.</summary>
    public static PublicLanguage LanguageOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[typeof(PublicLanguage)] as PublicLanguage ?? new PublicLanguage(PublicCulture.Available[0], PublicCulture.Available);
    }
}
