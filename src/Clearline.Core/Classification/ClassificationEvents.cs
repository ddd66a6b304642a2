namespace Clearline.Classification;

/// <summary>An analyst decided an item (announced by <see cref="Classifier"/> in the decision's unit of work, once saved).</summary>
public sealed record ItemClassified(MediaClassification Classification, AuditActor Actor);

/// <summary>Why the decision in force on an item may have changed.</summary>
public enum DecisionChange
{
    /// <summary>An analyst decided it, or a trusted list classified it automatically.</summary>
    Decided = 1,

    /// <summary>An analyst undid their decision.</summary>
    Undone = 2,

    /// <summary>The list entry an automatic decision rested on was withdrawn (tombstoned).</summary>
    ListEntryWithdrawn = 3,
}

/// <summary>
/// The decisions on an item changed (a decision, an automatic one, an undo, a withdrawn list entry), announced in the
/// change's unit of work before it saves: features that act on what is in force review the item.
/// <paramref name="OrganisationId"/> is the hotline whose analyst made or undid the decision, null for a list.
/// </summary>
public sealed record ItemDecisionChanged(string MediaSha256, DecisionChange Change, Guid? OrganisationId = null);
