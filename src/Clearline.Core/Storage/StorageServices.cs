namespace Clearline.Storage;

// TEMPORARY stand-in until the storage branch merges.
public static class StorageServices
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddMediaStore(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services;
}
