using System.CommandLine;
using Clearline.Storage;

namespace Clearline.Cli;

public static class KeysCommand
{
    public static Command Create()
    {
        var rotate = new Command("rotate", "Make a new key-encryption key active and re-wrap every blob's data key under it (blobs are not re-encrypted).");
        rotate.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var result = await services.GetRequiredService<KeyRotation>().RotateAsync(token);
            Console.Error.WriteLine($"active key {result.ActiveKeyId}{(result.KeyGenerated ? " (generated)" : "")}: {result.Rewrapped} data keys re-wrapped, {result.Unreadable} unreadable");
            return result.Unreadable == 0 ? CliErrors.Success : CliErrors.Failure;
        }, ct));
        return new Command("keys", "Key-encryption keys of the media store.") { rotate };
    }
}
