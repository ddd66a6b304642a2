using System.Globalization;

namespace Clearline.Storage;

/// <summary>
/// The content was deleted under retention: a not-found kind (404), because the bytes are gone for good, with a
/// message that says so instead of "no such item". The item's hashes and decisions remain.
/// </summary>
public sealed record ContentDeletedError(DateTimeOffset DeletedAt, string Reason)
    : NotFoundError(string.Create(CultureInfo.InvariantCulture,
        $"The item's content was deleted under retention ({Reason}) on {DeletedAt.UtcDateTime:yyyy-MM-dd}; its hashes and decisions remain."));
