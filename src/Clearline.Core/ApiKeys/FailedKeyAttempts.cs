using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Clearline.Configuration;

namespace Clearline.ApiKeys;

/// <summary>How many failed API-key attempts one client address may make before it is refused for a while.</summary>
public sealed class FailedKeyAttemptsOptions : ISectionOptions
{
    public static string Section => "Api:FailedKeyAttempts";

    /// <summary>Failed attempts from one address within <see cref="WindowSeconds"/>; the next ones answer 429 until the window ends.</summary>
    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int Limit { get; set; } = 20;

    /// <summary>The window the failures are counted in, and how long an address is refused once over the limit.</summary>
    [Range(1, 86_400, ErrorMessage = "must be between 1 and 86400 seconds")]
    public int WindowSeconds { get; set; } = 300;

    /// <summary>Addresses tracked at once; beyond it, windows that have ended are forgotten first, then the oldest.</summary>
    [Range(100, 10_000_000, ErrorMessage = "must be between 100 and 10000000")]
    public int MaxTrackedAddresses { get; set; } = 100_000;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>Why a presented API key was not accepted; <see cref="None"/> when it was.</summary>
public enum KeyRejection
{
    None = 0,

    /// <summary>Not shaped like a Clearline key at all.</summary>
    Malformed = 1,

    /// <summary>Shaped like a key, and no key has its prefix: made up. Never audited.</summary>
    UnknownPrefix = 2,

    /// <summary>A real key's prefix with the wrong secret: someone holds part of a real key. Audited, bounded.</summary>
    WrongSecret = 3,

    Revoked = 4,

    Expired = 5,
}

/// <summary>
/// Counts failed API-key attempts per client address in a fixed window (bounded, in memory, per process) and decides
/// which failures concern a real key enough to be audited: at most one audit entry per key per window, so neither
/// made-up keys nor a flood against one real prefix can fill the audit chain.
/// </summary>
public sealed class FailedKeyAttempts(IOptionsMonitor<FailedKeyAttemptsOptions> options, TimeProvider time)
{
    /// <summary>The meter of Clearline's own instruments.</summary>
    public const string MeterName = "Clearline";

    /// <summary>Counts every refused key, tagged <c>reason</c> (<see cref="KeyRejection"/>, lower case).</summary>
    public const string RejectedCounterName = "clearline.api_key.rejected";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(RejectedCounterName, "{attempt}", "API keys refused: made up, wrong secret, revoked, expired, or from a blocked address.");

    private readonly ConcurrentDictionary<string, Window> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _auditedKeys = new();

    /// <summary>How long <paramref name="address"/> is still refused, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        if (_addresses.TryGetValue(address, out var window) && window.Count >= settings.Limit && now - window.Start < settings.Window)
        {
            return settings.Window - (now - window.Start);
        }

        return null;
    }

    /// <summary>Counts a failure from <paramref name="address"/>; answers how many failures its window now holds.</summary>
    public int Fail(string address, KeyRejection reason)
    {
        Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString().ToLowerInvariant()));
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        if (_addresses.Count >= settings.MaxTrackedAddresses && !_addresses.ContainsKey(address))
        {
            Forget(now, settings);
        }

        return _addresses.AddOrUpdate(
            address,
            _ => new Window(now, 1),
            (_, w) => now - w.Start >= settings.Window ? new Window(now, 1) : w with { Count = w.Count + 1 }).Count;
    }

    /// <summary>Counts a request refused because its address is over the limit (never looked up, never audited).</summary>
    public static void Blocked() => Rejected.Add(1, new KeyValuePair<string, object?>("reason", "blocked"));

    /// <summary>Whether a failure for the real key <paramref name="keyId"/> is audited now: the first in each window.</summary>
    public bool ShouldAudit(Guid keyId)
    {
        var now = time.GetUtcNow();
        var window = options.CurrentValue.Window;
        var audit = false;
        _auditedKeys.AddOrUpdate(
            keyId,
            _ =>
            {
                audit = true;
                return now;
            },
            (_, last) =>
            {
                audit = now - last >= window;
                return audit ? now : last;
            });
        if (_auditedKeys.Count > options.CurrentValue.MaxTrackedAddresses)
        {
            foreach (var old in _auditedKeys.Where(k => now - k.Value >= window).ToList())
            {
                _auditedKeys.TryRemove(old);
            }
        }

        return audit;
    }

    private void Forget(DateTimeOffset now, FailedKeyAttemptsOptions settings)
    {
        foreach (var ended in _addresses.Where(a => now - a.Value.Start >= settings.Window).ToList())
        {
            _addresses.TryRemove(ended);
        }

        var excess = _addresses.Count - settings.MaxTrackedAddresses + 1;
        if (excess > 0)
        {
            foreach (var oldest in _addresses.OrderBy(a => a.Value.Start).Take(excess).ToList())
            {
                _addresses.TryRemove(oldest);
            }
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
