using System.Diagnostics.Metrics;
using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.ApiKeys;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Security;

/// <summary>
/// Unauthenticated noise never reaches the audit chain (issue 12, point 3): made-up keys are counted, logged and
/// answered 429 past the limit, never audited; failures against a real key are audited, at most once per window.
/// And a key holds, at use, only the scopes within its organisation's ceiling (point 2).
/// </summary>
public sealed class ApiKeyAuthenticationHandlerTests
{
    private static readonly Uri Me = new("/api/v1/organisations/me", UriKind.Relative);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task MadeUpKeys_WriteNoAuditEntry_AndAre429PastTheLimit(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Api:FailedKeyAttempts:Limit"] = "20",
            ["Api:RequestsPerMinutePerKey"] = "100000",
        });
        var before = await AuditCountAsync(app);
        using var counted = new RejectionCounter();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 200; i++)
        {
            using var client = app.CreateClient($"cl_madeup{i:D4}{new string('x', 40)}");
            using var response = await client.GetAsync(Me, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(before, await AuditCountAsync(app));
        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // The meter is the process's, shared with tests running beside this one: at least these were counted.
        Assert.True(counted.Count("unknownprefix") >= 20, $"unknownprefix: {counted.Count("unknownprefix")}");
        Assert.True(counted.Count("blocked") >= 180, $"blocked: {counted.Count("blocked")}");
    }

    [Theory]
    [BothDatabases]
    public async Task WrongSecretForARealPrefix_IsAudited_AtMostOncePerKeyAndWindow(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Api:FailedKeyAttempts:Limit"] = "1000",
            ["Api:RequestsPerMinutePerKey"] = "100000",
        });
        var hotline = await app.CreateOrganisationAsync();
        var (id, secret) = await StoredKeys.StoreAsync(app, hotline, [ApiScopes.OrganisationRead]);
        var wrong = secret[..12] + new string('A', secret.Length - 12);

        for (var i = 0; i < 50; i++)
        {
            using var client = app.CreateClient(wrong);
            await ProblemAssert.IsProblemAsync(await client.GetAsync(Me, Ct), HttpStatusCode.Unauthorized);
        }

        var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditAction.ApiKeyRejected).ToListAsync(Ct));
        var entry = Assert.Single(entries);
        Assert.Equal($"apikey:{id}", entry.Target);
        Assert.Equal(hotline.Id, entry.OrganisationId);
        Assert.Contains("wrongsecret", entry.Detail, StringComparison.Ordinal);

        // The real key, rightly presented, still works: the failures were against the prefix, not a lock.
        await ProblemAssert.IsSuccessAsync(await app.CreateClient(secret).GetAsync(Me, Ct));
    }

    [Theory]
    [BothDatabases]
    public async Task StoredKeyAboveTheCeiling_HoldsOnlyTheIntersection(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var police = await app.CreateOrganisationAsync(OrganisationKind.LawEnforcement, "NL");
        var (_, secret) = await StoredKeys.StoreAsync(app, police, [ApiScopes.OrganisationRead, ApiScopes.ReportsWrite, ApiScopes.MediaRead]);
        using var client = app.CreateClient(secret);

        await ProblemAssert.IsSuccessAsync(await client.GetAsync(Me, Ct));
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync(new Uri("/api/v1/reports", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct),
            HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await client.GetAsync(new Uri($"/api/v1/media/{new string('0', 64)}/content", UriKind.Relative), Ct), HttpStatusCode.Forbidden);
    }

    private static Task<int> AuditCountAsync(ClearlineTestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().CountAsync(Ct));

    /// <summary>Listens to <c>clearline.api_key.rejected</c> and sums it by reason.</summary>
    private sealed class RejectionCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);

        public RejectionCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FailedKeyAttempts.MeterName && instrument.Name == FailedKeyAttempts.RejectedCounterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason" && tag.Value is string reason)
                    {
                        lock (_byReason)
                        {
                            _byReason[reason] = _byReason.GetValueOrDefault(reason) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Count(string reason)
        {
            lock (_byReason)
            {
                return _byReason.GetValueOrDefault(reason);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
