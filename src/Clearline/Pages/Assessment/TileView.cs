namespace Clearline.Pages.Assessment;

/// <summary>A tile as a grid shows it: with a selection checkbox when the grid is a decision form, with a Reveal button when the person may reveal.</summary>
public sealed record TileView(Tile Tile, bool Selectable, bool CanReveal);
