using System.CommandLine;
using Clearline.Evidence;

namespace Clearline.Cli;

/// <summary><c>clearline evidence verify</c>: checks an evidence package offline, without a database or configuration.</summary>
public static class EvidenceCommand
{
    public static Command Create()
    {
        var package = new Argument<FileInfo>("package") { Description = "The evidence package (ZIP) to check." };
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The instance's public key (PEM, from 'clearline keys signing-key'): the package must be signed with exactly this key.",
        };
        var verify = new Command("verify", "Check an evidence package offline: the signature over manifest.json and every file's SHA-256 and size, none missing, none added.")
        {
            package, publicKey,
        };
        verify.SetAction((parse, ct) => CliErrors.GuardAsync(() => Task.FromResult(Verify(parse.GetRequiredValue(package), parse.GetValue(publicKey)))));
        return new Command("evidence", "Evidence packages of the police portal.") { verify };
    }

    private static int Verify(FileInfo package, FileInfo? publicKey)
    {
        if (!package.Exists)
        {
            return CliErrors.Report(new NotFoundError($"No file {package.FullName}."));
        }

        string? pinned = null;
        if (publicKey is not null)
        {
            if (!publicKey.Exists)
            {
                return CliErrors.Report(new NotFoundError($"No public key file {publicKey.FullName}."));
            }

            pinned = File.ReadAllText(publicKey.FullName);
            if (InstanceSigningKey.FingerprintOf(pinned) is null)
            {
                return CliErrors.Report(new InvalidError("public-key", $"{publicKey.Name} holds no ECDSA P-256 public key in PEM; save the output of 'clearline keys signing-key'."));
            }
        }

        EvidenceVerification result;
        using (var stream = package.OpenRead())
        {
            result = EvidencePackageVerifier.Verify(stream, pinned);
        }

        if (!result.IsValid)
        {
            Console.Error.WriteLine($"INVALID: {package.Name} failed verification:");
            foreach (var problem in result.Problems)
            {
                Console.Error.WriteLine($"  - {problem}");
            }

            if (result.Fingerprint is not null)
            {
                Console.Error.WriteLine($"checked with key {result.Fingerprint}{(result.KeyPinned ? " (pinned)" : " (embedded in the package)")}");
            }

            return CliErrors.Failure;
        }

        Console.Out.WriteLine($"VALID: package {result.PackageId}, {result.FileCount} files, signed by key {result.Fingerprint}");
        Console.Error.WriteLine(result.KeyPinned
            ? "The signature verifies under the pinned public key."
            : "The key is only the one embedded in the package: compare its fingerprint with the instance's published one, or pin it with --public-key.");
        return CliErrors.Success;
    }
}
