
namespace Clearline.Classification;

/// <summary>
/// The decision may not be made by this analyst: another hotline's Baseline is final network-wide and only the
/// coordinator changes it. The API answers 403 with the message and the final decision's id.
/// </summary>
public sealed record ClassificationRefused(string Message, Guid FinalClassificationId) : RefusedError(Message);

/// <summary>
/// The decision the analyst saw is no longer the current one (another analyst decided meanwhile): nothing was
/// written, and <paramref name="Current"/> is what holds now. The API answers 409 with it.
/// </summary>
public sealed record ClassificationConflict(string Message, MediaClassification? Current) : ConflictError(Message);
