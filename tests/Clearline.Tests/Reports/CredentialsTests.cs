using System.Text;
using System.Text.Json;
using Clearline.Database;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary>Credentials for gated content are stored encrypted, opened only for their own hotline, and never returned.</summary>
public sealed class CredentialsTests
{
    private const string Password = "benign-test-password-7319";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Submit_WithCredentials_StoresThemEncrypted_AndAnswersOnlyThatThereAreSome(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (hotline, client) = await IntakeApp.HotlineAsync(app);
        var (other, _) = await IntakeApp.HotlineAsync(app);

        var submitted = await IntakeApp.SubmitAsync(client, new
        {
            url = "https://members.example.invalid/",
            credentials = new { username = "reporter-login", password = Password, note = "invitation code 42" },
        });
        var id = submitted.GetProperty("id").GetGuid();
        var fetched = await client.GetStringAsync(new Uri($"/api/v1/reports/{id}", UriKind.Relative), Ct);
        foreach (var body in new[] { submitted.ToString(), fetched })
        {
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("hasCredentials").GetBoolean());
            Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
            Assert.DoesNotContain("reporter-login", body, StringComparison.Ordinal);
        }

        var (stored, opened, openedByOther) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var row = await db.Set<ReportCredential>().AsNoTracking().SingleAsync(c => c.ReportId == id, Ct);
            var vault = sp.GetRequiredService<ReportCredentialVault>();
            return (row, await vault.OpenAsync(id, hotline.Id, Ct), await vault.OpenAsync(id, other.Id, Ct));
        });
        foreach (var plain in new[] { Password, "reporter-login", "invitation code 42" })
        {
            Assert.Equal(-1, stored.Sealed.AsSpan().IndexOf(Encoding.UTF8.GetBytes(plain)));
        }

        Assert.Equal(new GatedContentCredentials("reporter-login", Password, "invitation code 42"), opened);
        Assert.Null(openedByOther);
        Assert.DoesNotContain(Password, opened!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Submit_WithoutCredentials_StoresNone(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (_, client) = await IntakeApp.HotlineAsync(app);

        var submitted = await IntakeApp.SubmitAsync(client, new { url = "https://open.example.invalid/", credentials = new { username = " ", note = "" } });

        Assert.False(submitted.GetProperty("hasCredentials").GetBoolean());
        Assert.Equal(0, await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ReportCredential>().CountAsync(Ct)));
    }
}
