using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Clearline.Storage.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.TryAddSingleton<IBlobBackend>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>();
            return options.Value.Backend switch
            {
                StorageBackend.S3 => new S3BlobBackend(options.Value.S3),
                StorageBackend.FileSystem => new FileSystemBlobBackend(options),
                _ => throw new InvalidOperationException("Unknown storage backend."),
            };
        });
        services.TryAddSingleton<KeyRing>();
        services.TryAddSingleton<EnvelopeSeal>();
        services.TryAddSingleton<BlobSealer>();
        services.TryAddScoped<MediaStore>();
        services.TryAddScoped<KeyRotation>();
        services.TryAddScoped<BlobShredder>();
        services.TryAddTransient<S3StoreCopy>();
        services.AddHealthChecks().AddCheck<MediaStoreHealthCheck>("media-store", tags: [ReadyTag]);
        return services;
    }
}
