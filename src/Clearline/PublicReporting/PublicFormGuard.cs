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
/// <remarks>
/// Who is excluded: a client sending more than its share (throttled, 429), a script that fills every field (the
/// honeypot), one that replays a form it solved once (single use), and one that posts without having read the form
/// (no valid challenge). People pay about a second of their browser's time, or the no-script delay.
/// </remarks>
public sealed class PublicFormGuard(ProofOfWork proofOfWork, IHttpContextAccessor http)
{
    /// <summary>The rate-limiting policy on the form's POST.</summary>
    public const string RateLimitPolicy = "public-report";

    /// <summary>The rate-limiting policy on the status page (<c>/report/status/{reference}</c>), against enumeration.</summary>
    public const string StatusLookupPolicy = "public-report-status";

    /// <summary>Status lookups one client may make a minute under <see cref="StatusLookupPolicy"/>.</summary>
    public const int StatusLookupsPerMinute = 30;

    /// <summary>A field people never see nor fill in; a bot that fills it is turned away.</summary>
    public const string HoneypotField = "homepage";

    /// <summary>The hidden field holding the signed challenge.</summary>
    public const string ChallengeField = "pow-challenge";

    /// <summary>The hidden field the browser's script fills with its solution (empty without JavaScript).</summary>
    public const string NonceField = "pow-nonce";

    /// <summary>Resource keys of the form's texts for each refusal.</summary>
    public const string GuardRefused = nameof(GuardRefused);

    public const string ChallengeExpired = nameof(ChallengeExpired);

    public const string TooFast = nameof(TooFast);

    public const string TooManyReports = nameof(TooManyReports);

    /// <summary>A fresh challenge for the form (the guard partial renders it).</summary>
    public PowChallenge Issue() => proofOfWork.Issue();

    /// <summary>Checks a submitted form's guard fields; call it first, before anything is taken from the form.</summary>
    /// <param name="form">The posted form.</param>
    public GuardOutcome Check(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (http.HttpContext?.Features.Get<PublicFormThrottled>() is not null)
        {
            return new GuardOutcome(false, TooManyReports);
        }

        if (!string.IsNullOrEmpty(form[HoneypotField]))
        {
            return new GuardOutcome(false, GuardRefused);
        }

        return proofOfWork.Verify(form[ChallengeField], form[NonceField]) switch
        {
            PowVerdict.Passed => new GuardOutcome(true),
            PowVerdict.Expired => new GuardOutcome(false, ChallengeExpired),
            PowVerdict.TooFast => new GuardOutcome(false, TooFast),
            _ => new GuardOutcome(false, GuardRefused),
        };
    }
}

public static class PublicFormGuardServices
{
    public static void AddPublicFormGuard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ProofOfWork>();
        builder.Services.AddSingleton<PublicClientKeys>();
        builder.Services.AddSingleton<PublicFormGuard>();
        builder.Services.AddOptions<RateLimiterOptions>().Configure(o =>
        {
            o.AddPolicy<string, PublicFormRateLimit>(PublicFormGuard.RateLimitPolicy);
            o.AddPolicy<string, PublicStatusRateLimit>(PublicFormGuard.StatusLookupPolicy);
        });
    }
}
