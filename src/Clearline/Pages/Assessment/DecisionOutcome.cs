namespace Clearline.Pages.Assessment;

/// <summary>An item whose decision was not made because another analyst decided it meanwhile: shown on its tile, never lost.</summary>
public sealed record ConflictNote(string Sha256, string Message);

/// <summary>What a posted decision did, as the status line says it, and the conflicts to show on their tiles.</summary>
public sealed record DecisionOutcome(string Status, IReadOnlyList<ConflictNote> Conflicts)
{
    public static DecisionOutcome Say(string status) => new(status, []);
}
