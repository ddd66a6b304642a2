using System.Net;
using System.Text.Json;
using Clearline.Crawling;
using Clearline.Crawling.Extraction;
using Clearline.Jobs;
using Clearline.Routing;
using Microsoft.Extensions.Options;

namespace Clearline.AbuseContacts;

/// <summary>
/// Looks up a route's abuse contacts: the hosting IP's network abuse contact and the domain's registrar abuse
/// contact, each cached per address or domain in <see cref="AbuseContact"/> and looked up again once older than
/// <see cref="RdapOptions.ResultLifetime"/>. Asked for by a person (<see cref="RequestAsync"/>) or queued when a route
/// opens; run by the <see cref="AbuseContactLookupJob"/>.
/// </summary>
/// <remarks>
/// A failed lookup is recorded (state Failed, the reason in words, the next attempt) and the lookup schedules its own
/// next attempt as a new job, queued in the same transaction as the failure so no retry is lost, with exponential backoff, up to <see cref="RdapOptions.MaxAttempts"/> failures in a row:
/// the job itself succeeds, so the route shows why and when, rather than a dead-lettered job.
/// </remarks>
public sealed class AbuseContactLookups(
    ClearlineDbContext db, UnitOfWork work, JobQueue jobs, AuditTrail audit, RdapBootstrap bootstrap, RdapHttp http,
    PublicSuffixList suffixes, IOptions<RdapOptions> options, TimeProvider time)
{
    /// <summary>Queues a fresh lookup (ignoring cached answers) of the route's contacts, audited.</summary>
    /// <remarks>Anyone who sees the route may ask (the contacts are public registry data); a route they do not see is not found.</remarks>
    public async Task<Result<AbuseContactLookupRequested>> RequestAsync(RouteViewer viewer, Guid routeId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var visible = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).AnyAsync(r => r.Id == routeId, ct);
        if (!visible)
        {
            return new NotFoundError("No such route, or not one your organisation can see.");
        }

        await using var transaction = await work.BeginAsync(ct);
        var job = jobs.Enqueue(AbuseContactLookupJob.Kind, new AbuseContactLookupJob(routeId, Refresh: true), viewer.OrganisationId);
        await audit.AppendAsync(new AuditEvent(AuditAction.AbuseContactLookedUp, actor, viewer.OrganisationId, $"route:{routeId:D}", Detail: "requested"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AbuseContactLookupRequested(routeId, job.Id, job.CreatedAt);
    }

    /// <summary>Queues the lookup of a route's contacts (cached answers are used), in the caller's unit of work.</summary>
    public void Queue(Guid routeId, Guid? organisationId) =>
        jobs.Enqueue(AbuseContactLookupJob.Kind, new AbuseContactLookupJob(routeId, Refresh: false), organisationId);

    /// <summary>The job's work: looks up each contact of the route that is missing, stale, due for a retry, or asked again.</summary>
    internal async Task LookUpAsync(AbuseContactLookupJob job, Guid? organisationId, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(r => r.Id == job.RouteId)
            .Select(r => new { r.ServerAddress, r.CrawledUrlId }).FirstOrDefaultAsync(ct);
        if (route is null)
        {
            return;
        }

        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => u.Id == route.CrawledUrlId).Select(u => u.Url).FirstOrDefaultAsync(ct);
        foreach (var (source, key) in AbuseContactTargets.Of(route.ServerAddress, url, suffixes))
        {
            await LookUpAsync(job, organisationId, source, key, ct);
        }
    }

    /// <summary>Looks up one contact when due; a failure that is retried queues its retry in the same transaction as the row.</summary>
    private async Task LookUpAsync(AbuseContactLookupJob job, Guid? organisationId, AbuseContactSource source, string key, CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var row = await db.Set<AbuseContact>().FirstOrDefaultAsync(c => c.Source == source && c.Key == key, ct);
        if (row is not null && !job.Refresh && !IsDue(row, now, settings))
        {
            return;
        }

        var outcome = await QueryAsync(source, key, ct);
        await using var transaction = await work.BeginAsync(ct);
        if (row is null)
        {
            row = new AbuseContact { Source = source, Key = key };
            db.Add(row);
        }

        var failuresBefore = row.State == AbuseContactState.Failed && !job.Refresh ? row.Attempts : 0;
        row.State = outcome.State;
        row.Email = outcome.Contact?.Email;
        row.Name = Cut(outcome.Contact?.Name, 200);
        row.Organisation = Cut(outcome.Contact?.Organisation, 200);
        row.Phone = Cut(outcome.Contact?.Phone, 100);
        row.Handle = Cut(outcome.Contact?.Handle, 100);
        row.ServerUrl = Cut(outcome.Url?.AbsoluteUri, 2000);
        row.Error = Cut(outcome.Error, 1000);
        row.Attempts = failuresBefore + 1;
        row.LookedUpAt = now;
        row.NextAttemptAt = outcome.State == AbuseContactState.Failed && row.Attempts < settings.MaxAttempts
            ? now + RetryBackoff.Delay(row.Attempts, settings.RetryBaseDelay, settings.MaxRetryDelay, Random.Shared.NextDouble())
            : null;
        if (row.NextAttemptAt is { } retryAt)
        {
            jobs.Enqueue(AbuseContactLookupJob.Kind, job with { Refresh = false }, organisationId, retryAt);
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.AbuseContactLookedUp, AuditActor.System, null, $"route:{job.RouteId:D}", Detail: $"{source}={outcome.State}"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static bool IsDue(AbuseContact row, DateTimeOffset now, RdapOptions settings) => row.State switch
    {
        AbuseContactState.Pending => true,
        AbuseContactState.Found or AbuseContactState.NotFound => row.LookedUpAt is not { } at || at + settings.ResultLifetime <= now,
        AbuseContactState.Failed => row.NextAttemptAt is { } next && next <= now,
        _ => true,
    };

    private async Task<LookupOutcome> QueryAsync(AbuseContactSource source, string key, CancellationToken ct)
    {
        Uri? url = null;
        try
        {
            var server = source == AbuseContactSource.Network
                ? await bootstrap.ForAddressAsync(IPAddress.Parse(key), ct)
                : await bootstrap.ForDomainAsync(key, ct);
            url = new Uri(server, source == AbuseContactSource.Network ? $"ip/{key}" : $"domain/{key}");
            var answer = await http.GetAsync(url, ct);
            if (answer.Status == HttpStatusCode.NotFound)
            {
                return new LookupOutcome(AbuseContactState.NotFound, url, null, $"The registry's RDAP server ({url.Host}) holds no record of {key}.");
            }

            if ((int)answer.Status is < 200 or > 299)
            {
                return new LookupOutcome(AbuseContactState.Failed, url, null, $"The registry's RDAP server ({url.Host}) answered {(int)answer.Status} ({answer.Status}); the lookup is tried again later.");
            }

            var contact = source == AbuseContactSource.Network ? RdapResponses.Network(answer.Body) : RdapResponses.Registrar(answer.Body);
            return contact.Email is null
                ? new LookupOutcome(AbuseContactState.NotFound, url, contact, $"The registry's record of {key} names no abuse e-mail address.")
                : new LookupOutcome(AbuseContactState.Found, url, contact, null);
        }
        catch (RdapFailure ex)
        {
            return new LookupOutcome(AbuseContactState.Failed, url, null, ex.Message);
        }
        catch (JsonException ex)
        {
            return new LookupOutcome(AbuseContactState.Failed, url, null, $"The registry's RDAP server ({url?.Host}) answered with malformed RDAP JSON ({ex.Message}); the lookup is tried again later.");
        }
    }

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private sealed record LookupOutcome(AbuseContactState State, Uri? Url, RdapContact? Contact, string? Error);
}

/// <summary>A lookup was queued: its job, and when it was asked for.</summary>
public sealed record AbuseContactLookupRequested(Guid RouteId, Guid JobId, DateTimeOffset RequestedAt);

/// <summary>What is looked up for a route: its hosting IP (network) and its URL's registrable domain (registrar).</summary>
/// <remarks>
/// The registrable domain is the public suffix plus one label, by the same public suffix list the crawler uses
/// (<see cref="PublicSuffixList"/>): <c>img.shop.co.uk</c> → <c>shop.co.uk</c>, in ASCII (punycode) as RDAP wants.
/// A host that is an IP address, a single label or a bare public suffix has no registrar lookup.
/// </remarks>
internal static class AbuseContactTargets
{
    public static IEnumerable<(AbuseContactSource Source, string Key)> Of(string? serverAddress, string? url, PublicSuffixList suffixes)
    {
        if (serverAddress is not null && IPAddress.TryParse(serverAddress, out var address))
        {
            yield return (AbuseContactSource.Network, (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.HostNameType == UriHostNameType.Dns
            && suffixes.RegistrableDomain(uri.IdnHost) is { Length: <= AbuseContact.KeyMaxLength } domain)
        {
            yield return (AbuseContactSource.Registrar, domain);
        }
    }
}
