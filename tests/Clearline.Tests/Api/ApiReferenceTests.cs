using System.Text.Json;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Api;

/// <summary>The API reference is Clearline's own page: no fonts from elsewhere, none of the vendor's AI or sharing buttons, readable auth text.</summary>
public sealed class ApiReferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Reference_LoadsNoExternalFonts_AndHidesTheVendorsButtons(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        using var client = app.CreateClient();

        // "/api/reference" redirects to the page itself, with its trailing slash.
        var html = await client.GetStringAsync(new Uri("/api/reference/", UriKind.Relative), Ct);

        Assert.True(html.Contains("\"withDefaultFonts\":false", StringComparison.Ordinal), html);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"favicon\":\"/favicon.svg\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Document_SaysHowToAuthenticate_InCode(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        using var client = app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).RootElement;

        // Markdown: a bare <API key> is an HTML tag to the viewer and vanished, leaving "Bearer '.".
        Assert.Contains("`Authorization: Bearer <API key>`", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("`Authorization: Bearer <API key>`",
            document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
