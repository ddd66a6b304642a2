using Microsoft.Extensions.Options;

namespace Clearline.Cli;

/// <summary>Exit codes and the one-line error messages of the command line. Never a stack trace.</summary>
public static class CliErrors
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UserError = 2;
    public const int ConfigurationError = 3;

    /// <summary>Prints <paramref name="error"/> as one line on stderr and returns the matching exit code.</summary>
    public static int Report(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Console.Error.WriteLine($"error: {error.Message}");
        return ExitCode(error);
    }

    /// <summary>
    /// Every kind of error is about what was asked (a bad value, a missing or refused thing, a clash, too much), so
    /// every kind is the user's to fix: exit 2, as the API answers each with a 4xx.
    /// </summary>
    public static int ExitCode(Error error) => error switch
    {
        InvalidError or NotFoundError or RefusedError or ConflictError or TooLargeError => UserError,
        _ => Failure,
    };

    /// <summary>Runs a command; configuration errors and failures become one line on stderr and an exit code.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ConfigurationProblem(ex) is { } problem)
        {
            Console.Error.WriteLine($"configuration error: {problem}");
            return ConfigurationError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return Failure;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: {ex.GetBaseException().Message}");
            return Failure;
        }
    }

    /// <summary>The first bad setting, named, for a validation failure or a value the binder could not convert.</summary>
    private static string? ConfigurationProblem(Exception ex) => ex switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Select(ConfigurationProblem).FirstOrDefault(p => p is not null),
        OptionsValidationException validation => validation.Failures.First(),
        InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            conversion.Message,
        _ => null,
    };
}
