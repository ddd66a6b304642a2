using System.ComponentModel.DataAnnotations;
using System.Net;
using Clearline.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Clearline.WebHost;

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Clearline believes.</summary>
/// <remarks>
/// Nothing is trusted unless configured: the framework's default (loopback) is cleared, so a client that reaches
/// Clearline directly cannot claim another address (to escape its rate limit or forge the audit's client address)
/// or claim HTTPS. From a configured proxy the forwarded client address and scheme become the request's, so
/// HSTS, <c>Secure</c> cookies, per-client rate limits and the audit see the real client.
/// </remarks>
public sealed class TrustedProxies : ISectionOptions, IValidatableObject
{
    public static string Section => "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation (10.0.0.0/24)", [nameof(KnownNetworks)]);
        }
    }

    public static void Add(IServiceCollection services)
    {
        services.AddSectionOptions<TrustedProxies>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxies>>((o, configured) =>
        {
            // The middleware believes every sender when both lists are empty, so with no proxy configured it reads nothing.
            var any = configured.Value.KnownProxies.Length > 0 || configured.Value.KnownNetworks.Length > 0;
            o.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configured.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configured.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }
}
