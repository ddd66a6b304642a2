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
public sealed class SectionValidator<T> : IValidateOptions<T> where T : class, ISectionOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{T.Section}:{string.Join(',', r.MemberNames.DefaultIfEmpty("?"))}: {r.ErrorMessage}"));
    }
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
