using System.CommandLine;
using Clearline.Storage;
using Clearline.Storage.S3;
using Microsoft.Extensions.Options;

namespace Clearline.Cli;

/// <summary><c>clearline storage copy --to s3</c>: moves the file-system media store into the S3 bucket (docs/storage.md).</summary>
public static class StorageCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "The target backend: s3 (the Storage:S3:* settings).", Required = true };
        to.AcceptOnlyFromAmong("s3");
        var copy = new Command("copy", "Copy every object of the file-system store (Storage:MediaPath) to the S3 bucket, verified by SHA-256; "
            + "objects already there with the same SHA-256 are skipped, so an interrupted copy resumes. Run it before switching Storage:Backend.")
        {
            to,
        };
        copy.SetAction((parse, ct) => CliHost.RunAsync(parse, migrate: false, async (services, token) =>
        {
            var settings = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (settings.S3.Validate().FirstOrDefault() is { } invalid)
            {
                Console.Error.WriteLine($"configuration error: {StorageOptions.Section}:{string.Join(',', invalid.MemberNames)}: {invalid.ErrorMessage}");
                return CliErrors.ConfigurationError;
            }

            var lastPrinted = DateTime.UtcNow;
            var progress = new Progress<StoreCopyResult>(p =>
            {
                if (DateTime.UtcNow - lastPrinted > TimeSpan.FromSeconds(5))
                {
                    lastPrinted = DateTime.UtcNow;
                    Console.Error.WriteLine($"… {p.Copied} copied, {p.Skipped} already there, {p.Failed} failed");
                }
            });
            var result = await services.GetRequiredService<S3StoreCopy>().CopyAsync(progress, token);
            Console.Out.WriteLine($"{result.Copied} copied, {result.Skipped} already there, {result.Failed} failed");
            if (result.FirstFailure is not null)
            {
                Console.Error.WriteLine($"error: {result.Failed} objects not copied; the first: {result.FirstFailure}");
                return CliErrors.Failure;
            }

            return CliErrors.Success;
        }, ct));
        return new Command("storage", "The media store's backends.") { copy };
    }
}
