using Clearline.Database;
using Clearline.Tests.AbuseContacts;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;

namespace Clearline.Tests.Notices;

/// <summary>The draft is addressed to the abuse contact the RDAP lookup found when the route opened.</summary>
public sealed class NoticeRecipientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Draft_IsAddressedToTheHostingNetworksAbuseContact_FoundByRdap(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port, new() { ["Rdap:Bootstrap:Directory"] = rdap.BootstrapDirectory });
        var route = await world.RouteAsync();

        // The route's opening queued the lookup; the app's own workers run it.
        string? recipient = null;
        for (var attempt = 0; attempt < 300 && recipient is null; attempt++)
        {
            var draft = await world.DraftAsync(route);
            recipient = draft.GetProperty("recipient").GetString();
            if (recipient is null)
            {
                await Task.Delay(100, Ct);
            }
        }

        Assert.Equal(RdapTestServer.NetworkAbuseEmail, recipient);
    }
}
