
namespace Clearline.Reports;

/// <summary>A batch holds more rows than one request may submit; nothing of it was stored.</summary>
public sealed record BatchTooLarge(string Message) : TooLargeError(Message);
