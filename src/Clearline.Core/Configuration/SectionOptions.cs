using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Configuration;

/// <summary>An options class bound from one configuration section.</summary>
public interface ISectionOptions
{
    static abstract string Section { get; }
}

/// <summary>
/// Validates an options class with its data annotations and reports each failure as
/// <c>Section:Member: message</c>, so a bad value stops the start with one line naming the setting.
/// </summary>
/// <remarks>
/// One validation at a time in the process: DataAnnotations shares its attribute instances process-wide, and
/// <see cref="RangeAttribute"/> converts its bounds on first use without a lock, so two hosts starting at once (the
/// test servers, or a web host beside its workers) could read a half-converted bound ("Unable to cast TimeSpan to
/// String"). Options are validated once per type at start; the lock costs nothing.
/// </remarks>
public sealed class SectionValidator<T> : IValidateOptions<T> where T : class, ISectionOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        lock (SectionValidation.Gate)
        {
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        }

        if (results.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{T.Section}:{string.Join(',', r.MemberNames.DefaultIfEmpty("?"))}: {r.ErrorMessage}"));
    }
}

internal static class SectionValidation
{
    public static readonly Lock Gate = new();
}

public static class SectionOptionsExtensions
{
    /// <summary>Binds <typeparamref name="T"/> to its section, validated when the host starts.</summary>
    public static OptionsBuilder<T> AddSectionOptions<T>(this IServiceCollection services) where T : class, ISectionOptions
    {
        services.AddSingleton<IValidateOptions<T>, SectionValidator<T>>();
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }
}
