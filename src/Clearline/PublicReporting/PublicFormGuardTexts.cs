namespace Clearline.PublicReporting;

/// <summary>
/// The guard partial's own texts (<c>Resources/PublicReporting/PublicFormGuardTexts.{culture}.resx</c>), in the
/// public form's languages; where localisation is not registered, or a language has no file, they are English.
/// </summary>
public sealed class PublicFormGuardTexts;
