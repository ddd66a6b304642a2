using System.Diagnostics.CodeAnalysis;

namespace Clearline.Results;

/// <summary>
/// An expected failure: returned, never thrown, and mapped to an RFC 9457 problem in one place (the API) or to
/// one line and an exit code (the command line).
/// </summary>
public abstract record Error(string Message);

/// <summary>The thing asked for does not exist, or belongs to another tenant (the two are indistinguishable).</summary>
public sealed record NotFound(string Message) : Error(Message);

/// <summary>The request conflicts with what exists (a duplicate name, say).</summary>
public sealed record Conflict(string Message) : Error(Message);

/// <summary>An input value is not acceptable; <paramref name="Field"/> names it.</summary>
public sealed record Invalid(string Field, string Message) : Error(Message);

/// <summary>A value, or the error that prevented it.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
