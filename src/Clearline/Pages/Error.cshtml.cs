using System.Diagnostics;

namespace Clearline.Pages;

/// <summary>A failure page that says something went wrong and gives a reference, never the exception.</summary>
/// <remarks>Exception details would tell an attacker about internals; only Development shows the path that failed.</remarks>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IWebHostEnvironment environment) : PageModel
{
    public string RequestId { get; private set; } = "";

    public string? FailedPath { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (environment.IsDevelopment())
        {
            FailedPath = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        }
    }
}
