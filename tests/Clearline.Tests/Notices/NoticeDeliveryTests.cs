using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;
using Clearline.Tests.Takedown;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Clearline.Tests.Notices;

/// <summary>A notice reaches the host's mail server (read back), or fails with its reason, or is retried until it does.</summary>
public sealed class NoticeDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Notice_ComposedAndSent_ArrivesWithUrlsReferenceAndLegalBasis_AndRecordsTheNoticeToTheHost(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var route = await world.RouteAsync("https://img.example/abuse/first.png");

        var draft = await world.DraftAsync(route);
        Assert.Equal("en", draft.GetProperty("language").GetString());
        Assert.Contains("en", draft.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(route.ToString("D"), draft.GetProperty("reference").GetString());
        var body = draft.GetProperty("body").GetString()!;
        Assert.Contains("https://img.example/abuse/first.png", body, StringComparison.Ordinal);
        Assert.Contains(NoticeWorld.LegalBasisDe, body, StringComparison.Ordinal);
        Assert.Contains(world.Hotline.Organisation.Name, body, StringComparison.Ordinal);
        Assert.Contains(route.ToString("D"), draft.GetProperty("subject").GetString(), StringComparison.Ordinal);

        var noticeId = await world.SendDraftAsync(route, "abuse@host.example");
        var sent = await world.WaitForStateAsync(route, noticeId, "Sent");
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, sent.GetProperty("sentAt").ValueKind);
        var messageId = sent.GetProperty("messageId").GetString();
        Assert.False(string.IsNullOrEmpty(messageId));

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(["abuse@host.example"], mail.Recipients);
        var message = Parse(mail.Raw);
        Assert.Equal("abuse@host.example", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("clearline@test.invalid", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(draft.GetProperty("subject").GetString(), message.Subject);
        Assert.Equal(messageId, message.MessageId);
        Assert.Contains("https://img.example/abuse/first.png", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(route.ToString("D"), message.TextBody, StringComparison.Ordinal);
        Assert.Empty(message.Attachments);
        Assert.Null(message.Headers[HeaderId.DkimSignature]);

        // Sending is the notice to the host: the takedown awaits removal and re-checks are scheduled.
        var takedown = await world.Hotline.TakedownAsync(route);
        Assert.Equal("AwaitingRemoval", takedown.GetProperty("state").GetString());
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.NoticeSent));
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.TakedownActionRecorded));

        // The reporting hotline follows the notices on the route it reported.
        Assert.Single((await world.NoticesAsync(route, world.Reporter)).GetProperty("notices").EnumerateArray());
        Assert.False((await world.NoticesAsync(route, world.Reporter)).GetProperty("canSend").GetBoolean());
    }

    [Theory]
    [BothDatabases]
    public async Task Notice_WithDkimKey_IsSignedWithTheOperatorsKey(DatabaseProvider provider)
    {
        using var rsa = RSA.Create(2048);
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("clearline-dkim-").FullName, "dkim.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportRSAPrivateKeyPem(), Ct);
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port, new()
        {
            ["Notices:Dkim:PrivateKeyPath"] = keyFile,
            ["Notices:Dkim:Domain"] = "test.invalid",
            ["Notices:Dkim:Selector"] = "clearline2026",
        });
        var route = await world.RouteAsync();

        var noticeId = await world.SendDraftAsync(route, "abuse@host.example");
        await world.WaitForStateAsync(route, noticeId, "Sent");

        var message = Parse(Assert.Single(await smtp.WaitForAsync(1)).Raw);
        var signature = message.Headers[HeaderId.DkimSignature];
        Assert.NotNull(signature);
        Assert.Contains("d=test.invalid", signature, StringComparison.Ordinal);
        Assert.Contains("s=clearline2026", signature, StringComparison.Ordinal);
        var verifier = new DkimVerifier(new OneKey(DotNetUtilities.GetRsaPublicKey(rsa)));
        Assert.True(await verifier.VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)], Ct));
    }

    [Theory]
    [BothDatabases]
    public async Task Notice_ToARefusedRecipient_FailsForGoodWithTheServersReason(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(provider, smtp.Port);
        var route = await world.RouteAsync();

        var noticeId = await world.SendDraftAsync(route, "refused@host.example");
        var failed = await world.WaitForStateAsync(route, noticeId, "Failed");

        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.StartsWith("The mail server refused the recipient refused@host.example: 550", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Empty(smtp.Received);
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.NoticeFailed));
        Assert.Equal(0, await world.AuditCountAsync(AuditAction.NoticeSent));
    }

    [Theory]
    [BothDatabases]
    public async Task Notice_WhileTheMailServerIsDown_IsRetriedWithBackoff_AndSentOnceItIsUp(DatabaseProvider provider)
    {
        var port = TestSmtpServer.FreePort();
        await using var world = await NoticeWorld.StartAsync(provider, port, new()
        {
            ["Workers:RetryBaseDelay"] = "00:00:00.200",
            ["Workers:MaxRetryDelay"] = "00:00:00.500",
            ["Notices:MaxDeliveryAttempts"] = "100",
        });
        var route = await world.RouteAsync();

        var noticeId = await world.SendDraftAsync(route, "abuse@host.example");
        var retrying = await world.WaitForNoticeAsync(route, noticeId, n => n.GetProperty("state").GetString() == "Retrying" && n.GetProperty("attempts").GetInt32() >= 2);
        Assert.Contains("could not be reached", retrying.GetProperty("error").GetString(), StringComparison.Ordinal);

        await using var smtp = TestSmtpServer.Start(port);
        var sent = await world.WaitForStateAsync(route, noticeId, "Sent");
        Assert.True(sent.GetProperty("attempts").GetInt32() >= 3);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, sent.GetProperty("error").ValueKind);
        Assert.Equal(["abuse@host.example"], Assert.Single(await smtp.WaitForAsync(1)).Recipients);
        Assert.True(await world.AuditCountAsync(AuditAction.NoticeFailed) >= 2);
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.NoticeSent));
    }

    [Theory]
    [BothDatabases]
    public async Task Notice_ByWebhook_PostsTheNoticeAsJson(DatabaseProvider provider)
    {
        var port = TestSmtpServer.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/abuse/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var json = await reader.ReadToEndAsync(Ct);
            context.Response.StatusCode = 202;
            context.Response.Close();
            return (context.Request.HttpMethod, context.Request.ContentType, Json: System.Text.Json.JsonDocument.Parse(json).RootElement);
        }, Ct);
        await using var world = await NoticeWorld.StartAsync(provider, TestSmtpServer.FreePort());
        var route = await world.RouteAsync("https://img.example/abuse/hooked.png");

        var noticeId = await world.SendDraftAsync(route, $"http://127.0.0.1:{port}/abuse/reports", "Webhook");
        var (method, contentType, json) = await received.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await world.WaitForStateAsync(route, noticeId, "Sent");

        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal(route, json.GetProperty("routeId").GetGuid());
        Assert.Equal(noticeId, json.GetProperty("noticeId").GetGuid());
        Assert.Equal("Notice", json.GetProperty("kind").GetString());
        Assert.Equal(["https://img.example/abuse/hooked.png"], json.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(world.Hotline.Organisation.Name, json.GetProperty("hotline").GetString());
        Assert.Equal(route.ToString("D"), json.GetProperty("reference").GetString());
        Assert.Contains("https://img.example/abuse/hooked.png", json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

    private sealed class OneKey(AsymmetricKeyParameter key) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => key;

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(key);
    }
}
