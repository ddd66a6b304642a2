namespace Clearline.Results;

/// <summary>
/// An expected failure: returned, never thrown. Every error is one of five kinds below, and the web project maps
/// each kind once (to an RFC 9457 problem for the API, a status and message for pages; the command line to one
/// line and an exit code). A feature error derives from its kind and may carry extra data for the answer.
/// </summary>
/// <remarks>
/// The constructor is <c>private protected</c> so that no error can bypass the kinds: a mapping that knows the
/// five kinds knows every error.
/// </remarks>
public abstract record Error
{
    private protected Error(string message) => Message = message;

    public string Message { get; }
}

/// <summary>The thing asked for does not exist, or belongs to another tenant (the two are indistinguishable).</summary>
public record NotFoundError(string Message) : Error(Message);

/// <summary>The caller sees the thing but may not do this to it; the message says why.</summary>
public record RefusedError(string Message) : Error(Message);

/// <summary>The request conflicts with what exists (a duplicate name, a decision taken meanwhile).</summary>
public record ConflictError(string Message) : Error(Message);

/// <summary>An input value is not acceptable; <paramref name="Field"/> names it as the request spells it.</summary>
public record InvalidError(string Field, string Message) : Error(Message);

/// <summary>The input is larger than one request may carry; nothing of it was kept.</summary>
public record TooLargeError(string Message) : Error(Message);
