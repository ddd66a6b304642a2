namespace Clearline.HashLists;

/// <summary>
/// A hash list gained entries, or changed what it classifies or suggests (trust, mapping, visibility, whether it is
/// active). Announced in the unit of work that changes it (matching reacts: the items waiting in queues meet it again).
/// </summary>
public sealed record HashListChanged(Guid HashListId);

/// <summary>
/// An entry of a hash list was tombstoned: it matches nothing from now on. Announced in the unit of work that
/// tombstones it (classification reacts: automatic decisions that rested on it are withdrawn).
/// </summary>
public sealed record KnownHashTombstoned(long KnownHashId, DateTimeOffset TombstonedAt);
