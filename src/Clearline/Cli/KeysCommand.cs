using System.CommandLine;
using Clearline.Evidence;
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
        var signingKey = new Command("signing-key", "Print the instance signing key's public key (PEM, on stdout) and its fingerprint, for police to pin when they verify evidence packages.");
        signingKey.SetAction((parse, ct) => CliHost.RunAsync(parse, migrate: false, (services, token) =>
        {
            var key = services.GetRequiredService<InstanceSigningKey>();
            Console.Out.Write(key.PublicKeyPem);
            Console.Out.WriteLine();
            Console.Error.WriteLine($"fingerprint (SHA-256 of the public key): {key.Fingerprint}");
            Console.Error.WriteLine($"key id {key.Id}, {InstanceSigningKey.Algorithm}{(key.IsConfigured ? "" : ", generated into the key folder")}");
            return Task.FromResult(CliErrors.Success);
        }, ct));
        return new Command("keys", "Key-encryption keys of the media store, and the instance signing key.") { rotate, signingKey };
    }
}
