namespace Clearline.Classification;

/// <summary>An analyst decided an item (announced by <see cref="Classifier"/> in the decision's unit of work, once saved).</summary>
public sealed record ItemClassified(MediaClassification Classification, AuditActor Actor);
