namespace Clearline.Takedown;

/// <summary>An action to record on a content URL: kind, standard reason, optional note, and for Moved where to.</summary>
public sealed record NewAction(TakedownActionKind Kind, ActionReason Reason, string? Note, string? CountryCode = null, string? IpAddress = null);
