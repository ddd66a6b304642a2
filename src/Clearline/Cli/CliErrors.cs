using Clearline.Results;
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
        Console.Error.WriteLine($"error: {error.Message}");
        return UserError;
    }

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine($"configuration error: {ex.Failures.First()}");
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
}
