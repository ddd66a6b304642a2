using System.Security.Cryptography;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clearline.Storage;

/// <summary>Ready when the backend accepts, returns and deletes a small random object and the active key wraps and unwraps.</summary>
public sealed class MediaStoreHealthCheck(IBlobBackend backend, KeyRing keys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var kek = keys.Active;
            var probeKey = RandomNumberGenerator.GetBytes(StorageOptions.KeySize);
            var unwrapped = new byte[StorageOptions.KeySize];
            var aad = "clearline/health"u8.ToArray();
            if (!kek.TryUnwrap(kek.Wrap(probeKey, aad), aad, unwrapped) || !probeKey.AsSpan().SequenceEqual(unwrapped))
            {
                return HealthCheckResult.Unhealthy("The active key-encryption key does not round-trip.");
            }

            // A random address with a zero prefix: unique per check, so concurrent checks in several
            // processes never read each other's probe, and no real content plausibly hashes to it.
            var address = new string('0', 32) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var bytes = RandomNumberGenerator.GetBytes(64);
            await using (var pending = await backend.BeginWriteAsync(cancellationToken))
            {
                await pending.Content.WriteAsync(bytes, cancellationToken);
                await pending.CommitAsync(address, cancellationToken);
            }

            var back = new byte[bytes.Length];
            await using (var read = await backend.OpenReadAsync(address, cancellationToken))
            {
                if (read is null)
                {
                    return HealthCheckResult.Unhealthy("The media backend lost a probe object it had just written.");
                }

                await read.ReadExactlyAsync(back, cancellationToken);
            }

            await backend.DeleteAsync(address, cancellationToken);
            return bytes.AsSpan().SequenceEqual(back)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The media backend returned different bytes for a probe object.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The media store is not writable or readable, or its key is unavailable.", ex);
        }
    }
}
