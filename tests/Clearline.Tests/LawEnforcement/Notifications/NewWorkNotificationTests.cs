using Clearline.Audit;
using Clearline.Database;
using Clearline.Escalation;
using Clearline.Events;
using Clearline.Identity;
using Clearline.Jobs;
using Clearline.Notifications;
using Clearline.Referrals;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.Notifications;

public sealed class NewWorkNotificationTests
{
    [Theory]
    [BothDatabases]
    public async Task ReferralCreated_MailArrives_ToTheUnitsOfficersOnly_WithoutContent(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await PortalWorld.StartAsync(provider, TestSmtpServer.Settings(smtp.Port));
        var officer = await world.App.CreateUserAsync(world.PoliceNl.Organisation, Role.LeaOfficer);
        var colleague = await world.App.CreateUserAsync(world.PoliceNl.Organisation, Role.LeaOfficer);
        var admin = await world.App.CreateUserAsync(world.PoliceNl.Organisation, Role.OrgAdmin);
        var otherUnit = await world.App.CreateUserAsync(world.PoliceDe.Organisation, Role.LeaOfficer);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var referral = Referral(world, item, "Child may be unidentified, secret detail");

        await AnnounceAsync(world, new ReferralCreated(referral));

        var mail = await WaitForMailAsync(smtp);
        Assert.Equal(Sorted(officer.User.Email!, colleague.User.Email!), Sorted([.. mail.Recipients]));
        Assert.DoesNotContain(admin.User.Email!, mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(otherUnit.User.Email!, mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(item.Sha256, mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(item.Url, mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret detail", mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(referral.Id.ToString(), mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://clearline.test.invalid/Police", mail.Raw, StringComparison.Ordinal);

        var sent = await WaitForAuditAsync(world, AuditAction.NotificationSent, world.PoliceNl.Id);
        Assert.Equal("2 recipients", sent.Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task EscalationOpened_MailArrives_ToInterpolsVictimIdentifiers(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await PortalWorld.StartAsync(provider, TestSmtpServer.Settings(smtp.Port));
        var officer = await world.App.CreateUserAsync(world.Interpol.Organisation, Role.InterpolOfficer);
        await world.App.CreateUserAsync(world.PoliceNl.Organisation, Role.LeaOfficer);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");

        await AnnounceAsync(world, new EscalationOpened(Guid.CreateVersion7(), item.Sha256, "new material"));

        var mail = await WaitForMailAsync(smtp);
        Assert.Equal([officer.User.Email!], mail.Recipients);
        Assert.DoesNotContain(item.Sha256, mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://clearline.test.invalid/Interpol/Escalations", mail.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task UnreachableMailServer_FailsTheJobWithRetries_AndAuditsTheFailure(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider, TestSmtpServer.Settings(TestSmtpServer.FreePort()));
        await world.App.CreateUserAsync(world.PoliceNl.Organisation, Role.LeaOfficer);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");

        await AnnounceAsync(world, new ReferralCreated(Referral(world, item, null)));

        var job = await WaitForAsync(() => world.WithDatabaseAsync(db =>
            db.Set<Job>().AsNoTracking().FirstOrDefaultAsync(j => j.Kind == NewWorkNotification.Kind && j.Attempts >= 2, PortalWorld.Ct)));
        Assert.NotNull(job.LastError);
        var failed = await WaitForAuditAsync(world, AuditAction.NotificationFailed, world.PoliceNl.Id);
        Assert.StartsWith("1 recipients, attempt ", failed.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("@", failed.Detail!, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task NoMailServerConfigured_NothingIsQueuedOrSent(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        await world.App.CreateUserAsync(world.PoliceNl.Organisation, Role.LeaOfficer);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");

        await AnnounceAsync(world, new ReferralCreated(Referral(world, item, null)));
        await AnnounceAsync(world, new EscalationOpened(Guid.CreateVersion7(), item.Sha256, "new material"));

        Assert.False(await world.WithDatabaseAsync(db => db.Set<Job>().AnyAsync(j => j.Kind == NewWorkNotification.Kind, PortalWorld.Ct)));
        Assert.False(await world.WithDatabaseAsync(db => db.Set<AuditEntry>()
            .AnyAsync(a => a.Action == AuditAction.NotificationSent || a.Action == AuditAction.NotificationFailed, PortalWorld.Ct)));
    }

    /// <summary>An unsaved referral as the referrals feature announces it (the notification needs only its unit and id).</summary>
    private static Referral Referral(PortalWorld world, PortalItem item, string? note) => new()
    {
        RouteId = item.RouteId, TakedownActionId = Guid.CreateVersion7(), HotlineOrganisationId = world.HotlineNl.Id, PoliceOrganisationId = world.PoliceNl.Id,
        MediaSha256 = item.Sha256, Reason = ActionReason.PossibleNewVictim, Note = note, CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Announces <paramref name="happened"/> as its feature would, in a unit of work that then commits.</summary>
    private static Task<bool> AnnounceAsync<TEvent>(PortalWorld world, TEvent happened)
        where TEvent : notnull =>
        world.App.AsSystemAsync(async sp =>
        {
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(PortalWorld.Ct);
            await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(happened, PortalWorld.Ct);
            await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(PortalWorld.Ct);
            await transaction.CommitAsync(PortalWorld.Ct);
            return true;
        });

    private static async Task<ReceivedMail> WaitForMailAsync(TestSmtpServer smtp) =>
        await WaitForAsync(() => Task.FromResult(smtp.Received.TryPeek(out var mail) ? mail : null));

    private static Task<AuditEntry> WaitForAuditAsync(PortalWorld world, AuditAction action, Guid organisationId) =>
        WaitForAsync(() => world.WithDatabaseAsync(db =>
            db.Set<AuditEntry>().AsNoTracking().FirstOrDefaultAsync(a => a.Action == action && a.OrganisationId == organisationId, PortalWorld.Ct)));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50, PortalWorld.Ct);
        }

        throw new TimeoutException("What the test waited for did not happen within 30 seconds.");
    }

    private static string[] Sorted(params string[] values) => [.. values.Order(StringComparer.OrdinalIgnoreCase)];
}
