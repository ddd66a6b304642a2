namespace Clearline.Audit;

// TEMPORARY stand-in until the audit branch merges (replaced by the real, hash-chained implementation).
public enum AuditAction
{
    UserSignedIn = 1000, UserSignInFailed, UserLockedOut, UserSignedOut, UserSignedOutEverywhere, PasswordChanged,
    TwoFactorEnabled, TwoFactorReset, RecoveryCodesGenerated, RecoveryCodeRedeemed, UserCreated, UserRoleChanged, UserDisabled,
    OrganisationCreated = 2000, OrganisationUpdated, ApiKeyCreated, ApiKeyRevoked, ApiKeyRejected,
    ContentViewed = 3000, ContentDownloaded,
    KeysRotated = 9000, DemoSeeded,
}

public sealed record AuditActor(string Kind, string? Id)
{
    public static AuditActor System { get; } = new("System", null);
    public static AuditActor Anonymous { get; } = new("Anonymous", null);
    public static AuditActor User(Guid id) => new("User", id.ToString());
    public static AuditActor ApiKey(Guid id) => new("ApiKey", id.ToString());
}

public sealed record AuditEvent(AuditAction Action, AuditActor Actor, Guid? OrganisationId = null, string? Target = null, string? ClientIp = null, string? Detail = null);

public sealed class AuditTrail
{
#pragma warning disable CA1822
    public Task AppendAsync(AuditEvent e, CancellationToken ct) => Task.CompletedTask;
#pragma warning restore CA1822
}

public static class AuditServices
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddAuditTrail(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<AuditTrail>(services);
}
