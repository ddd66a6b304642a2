using Clearline.Classification;

namespace Clearline.Pages.Assessment;

/// <summary>
/// What the workspace's forms post: the selected items and, for a verdict, the attributes that go with it. The same
/// fields serve the queue, the second-opinion queue and an item's page; <see cref="ReturnTo"/> says where to go back.
/// </summary>
public sealed class DecisionInput
{
    /// <summary>The selected items' addresses (one checkbox per tile).</summary>
    public List<string> Items { get; set; } = [];

    public Verdict? Verdict { get; set; }

    public AgeGroup AgeGroup { get; set; }

    public Gender Gender { get; set; }

    public List<ContentFlags> Flags { get; set; } = [];

    /// <summary>
    /// The decision the analyst saw as current on an item's own page (only with a single item); items in a queue
    /// have none by definition.
    /// </summary>
    public Guid? ExpectedCurrentId { get; set; }

    /// <summary>Why the analyst is unsure, for a second opinion.</summary>
    public string? Note { get; set; }

    /// <summary>The screen the form came from: <c>queue</c>, <c>second-opinion</c> or <c>item</c>; anything else is the queue.</summary>
    public string? ReturnTo { get; set; }
}
