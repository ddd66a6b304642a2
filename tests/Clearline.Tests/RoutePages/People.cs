using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.RoutePages;

/// <summary>A person of an organisation, signed in with TOTP in their own cookie browser.</summary>
internal static class People
{
    public static async Task<Browser> SignInAsync(ClearlineTestApp app, Organisation organisation, Role role)
    {
        var person = await app.CreateUserAsync(organisation, role);
        var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, person.User.Email!, person.OneTimePassword);
        return browser;
    }

    /// <summary>A GET or POST was refused: 403, or a redirect to the access-denied page.</summary>
    public static void AssertDenied(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Redirect, $"{what} answered {(int)response.StatusCode}");
        if (response.StatusCode == System.Net.HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}
