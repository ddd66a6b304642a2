using System.CommandLine;

namespace Clearline.Cli;

public static class AuditCommand
{
    public static Command Create()
    {
        var anchor = new Option<string?>("--anchor")
        {
            Description = "A head recorded earlier, as SEQUENCE:HASH; verification then also detects removal of the newest entries.",
        };
        var verify = new Command("verify", "Check the audit trail's hash chain and seals; names the first modified, deleted, reordered or forged entry.") { anchor };
        verify.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            AuditAnchor? recorded = null;
            if (parse.GetValue(anchor) is { } text)
            {
                var parts = text.Split(':');
                if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var sequence) || parts[1].Length != 64)
                {
                    return CliErrors.Report(new InvalidError("anchor", "--anchor must be SEQUENCE:HASH, as printed by an earlier 'clearline audit verify'."));
                }

                recorded = new AuditAnchor(sequence, parts[1].ToLowerInvariant());
            }

            var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(recorded, token);
            if (result.FirstBreak is { } broken)
            {
                Console.Error.WriteLine($"audit trail broken at entry {broken.Sequence} ({broken.Kind}): {broken.Reason}");
                return CliErrors.Failure;
            }

            Console.Error.WriteLine($"audit trail intact: {result.IntactCount} entries, sealed under the key-encryption key; record this head to detect truncation later:");
            if (result.PredateSealing > 0)
            {
                Console.Error.WriteLine($"{result.PredateSealing} entries predate sealing and are covered by the first seal; this number never grows (if it did, the seals were deleted and the trail rewritten).");
            }

            Console.Out.WriteLine($"{result.HeadSequence}:{result.HeadHash}");
            return CliErrors.Success;
        }, ct));
        return new Command("audit", "The tamper-evident audit trail.") { verify };
    }
}
