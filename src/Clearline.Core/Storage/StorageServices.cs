using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Storage;

public static class StorageServices
{
    /// <summary>Health-check tag for readiness; <c>/health/ready</c> filters on it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers the encrypted media store, its key ring, key rotation and the <c>media-store</c> readiness check.
    /// Needs <see cref="DataDirectory"/>, the database and <c>AddAuditTrail()</c> (rotation is audited).
    /// </summary>
    public static IServiceCollection AddMediaStore(this IServiceCollection services)
    {
        services.AddSectionOptions<StorageOptions>().PostConfigure<DataDirectory>((options, data) =>
        {
            options.MediaPath ??= data.Combine("media");
            options.KeysPath ??= data.Combine("keys");
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBlobBackend, FileSystemBlobBackend>();
        services.TryAddSingleton<KeyRing>();
        services.TryAddSingleton<EnvelopeSeal>();
        services.TryAddSingleton<BlobSealer>();
        services.TryAddScoped<MediaStore>();
        services.TryAddScoped<KeyRotation>();
        services.TryAddScoped<BlobShredder>();
        services.AddHealthChecks().AddCheck<MediaStoreHealthCheck>("media-store", tags: [ReadyTag]);
        return services;
    }
}
