namespace Clearline.Jobs;

/// <summary>How long a failed job waits before its next attempt: exponential, jittered, capped.</summary>
/// <remarks>Jitter spreads the retries of many jobs that failed together (a host that was down) over time.</remarks>
public static class RetryBackoff
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="baseDelay">The wait after the first failed attempt, before jitter.</param>
    /// <param name="maxDelay">The cap, whatever the attempt.</param>
    /// <param name="jitter">A number in [0, 1); the delay grows by up to half of itself.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent) * (1 + (jitter / 2));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
