namespace Clearline.Audit;

/// <summary>Who acted. Stored as its name; the hash covers the number, so never renumber.</summary>
public enum AuditActorKind
{
    Anonymous = 0,
    User = 1,
    ApiKey = 2,
    System = 3,

    /// <summary>An organisation's hash list, acting for its owner (an automatic decision made through the list).</summary>
    HashList = 4,
}

/// <summary>The actor of an audited action: a user, an API key, the system (CLI, workers) or nobody signed in.</summary>
public sealed record AuditActor
{
    private AuditActor(AuditActorKind kind, string? id)
    {
        Kind = kind;
        Id = id;
    }

    public AuditActorKind Kind { get; }

    public string? Id { get; }

    public static AuditActor System { get; } = new(AuditActorKind.System, null);

    public static AuditActor Anonymous { get; } = new(AuditActorKind.Anonymous, null);

    public static AuditActor User(Guid userId) => new(AuditActorKind.User, userId.ToString("D"));

    public static AuditActor ApiKey(Guid apiKeyId) => new(AuditActorKind.ApiKey, apiKeyId.ToString("D"));

    /// <summary>A hash list deciding for its owner organisation (the entry's organisation is the owner).</summary>
    public static AuditActor HashList(Guid hashListId) => new(AuditActorKind.HashList, hashListId.ToString("D"));
}

/// <summary>
/// One thing to audit. <c>Target</c> names what was acted on as <c>kind:id</c> (<c>user:{id}</c>,
/// <c>org:{id}</c>, <c>apikey:{id}</c>, <c>blob:{sha256}</c>). <c>Detail</c> is a short, fixed-vocabulary note
/// (e.g. <c>role=Supervisor</c>, <c>reason=bad-password</c>), cut to <see cref="AuditEntry.DetailMaxLength"/> characters.
/// </summary>
/// <remarks>
/// <c>Detail</c> never holds secrets, passwords, codes, content, URLs, hash values or personal data: the trail
/// is kept for years and shown to administrators, who must not learn more from it than who did what.
/// </remarks>
public sealed record AuditEvent(
    AuditAction Action,
    AuditActor Actor,
    Guid? OrganisationId = null,
    string? Target = null,
    string? ClientIp = null,
    string? Detail = null);
