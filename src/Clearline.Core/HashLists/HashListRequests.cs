using Clearline.Tenancy;

namespace Clearline.HashLists;

/// <summary>Who acts on lists: the organisation (for visibility), the audit actor, and the person if one signed in.</summary>
public sealed record HashListCaller(HashListViewer Viewer, AuditActor Actor, Guid? UserId = null)
{
    public static HashListCaller For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new(HashListViewer.For(caller), caller.Actor, caller.UserId);
    }
}

/// <summary>A new list. Without a mapping the scheme's default one is used (<see cref="CategoryMapping.Default"/>).</summary>
public sealed record NewHashList(
    string Name,
    string? Source,
    HashListKind Kind,
    HashListTrust Trust,
    HashListVisibility Visibility,
    CategoryScheme Scheme,
    CategoryMapping? Mapping = null);

/// <summary>A change to a list; null leaves a value as it is (an empty <see cref="Source"/> clears it).</summary>
public sealed record HashListChanges(
    string? Name = null,
    string? Source = null,
    HashListKind? Kind = null,
    HashListTrust? Trust = null,
    HashListVisibility? Visibility = null,
    CategoryMapping? Mapping = null,
    bool? Active = null);

/// <summary>How a list is doing: its entries, its matches and how many of those analysts found wrong.</summary>
public sealed record HashListStats(long LiveEntries, long TombstonedEntries, long Matches, long Confirmed, long Wrong)
{
    public static HashListStats None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Wrong matches among the reviewed ones; null while none is reviewed (no rate is not a rate of zero).</summary>
    public double? FalseMatchRate => Confirmed + Wrong == 0 ? null : (double)Wrong / (Confirmed + Wrong);
}

/// <summary>A list as its viewers see it, with its figures.</summary>
public sealed record HashListSummary(HashList List, HashListStats Stats);

/// <summary>One page of a list's entries, live and tombstoned, in id order; <see cref="NextCursor"/> continues it.</summary>
public sealed record KnownHashPage(IReadOnlyList<KnownHash> Items, long? NextCursor);

/// <summary>The list is visible to the caller, who may not change it (only its owner may; the network's list only the coordinator).</summary>
public sealed record NotListManager(string Message) : RefusedError(Message);
