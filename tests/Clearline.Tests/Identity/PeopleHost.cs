using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Identity;

/// <summary>A hotline with its administrator's key (<c>organisation:admin</c>) on the real app, and the steps the people tests share.</summary>
internal sealed class PeopleHost(ClearlineTestApp app, Organisation hotline, HttpClient admin)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ClearlineTestApp App { get; } = app;

    public Organisation Hotline { get; } = hotline;

    /// <summary>The hotline's administrator, as an API key holding <c>organisation:admin</c>.</summary>
    public HttpClient Admin { get; } = admin;

    public static async Task<PeopleHost> StartAsync(ClearlineTestApp app)
    {
        var hotline = await app.CreateOrganisationAsync();
        return new PeopleHost(app, hotline, app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.OrganisationAdmin)));
    }

    /// <summary>Sign-ins from one (absent) client address many times in a test; the limit itself is tested elsewhere.</summary>
    public static Task<ClearlineTestApp> StartAppAsync(DatabaseProvider provider) =>
        ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" });

    public Browser NewBrowser() => new(App.App.GetTestServer());

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body = null) =>
        client.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : JsonContent.Create(body), Ct);

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body) =>
        client.PutAsync(new Uri(path, UriKind.Relative), JsonContent.Create(body), Ct);

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path) => client.GetAsync(new Uri(path, UriKind.Relative), Ct);

    /// <summary>Invites through the API and returns the person's id, email and one-time password.</summary>
    public async Task<(Guid Id, string Email, string Password)> InviteAsync(Role role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@test.invalid";
        using var response = await PostAsync(Admin, "/api/v1/people", new { email, role = role.ToString() });
        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
        return (body.GetProperty("person").GetProperty("id").GetGuid(), email, body.GetProperty("oneTimePassword").GetString()!);
    }

    public async Task<JsonElement> PersonAsync(Guid id)
    {
        using var response = await GetAsync(Admin, $"/api/v1/people/{id}");
        return JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
    }

    public Task<List<AuditEntry>> AuditAsync(string target) => AuditAsync(App, target);

    public static Task<List<AuditEntry>> AuditAsync(ClearlineTestApp app, string target) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Target == target).OrderBy(a => a.Sequence).ToListAsync(Ct));
}
