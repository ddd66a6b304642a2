using System.CommandLine;

namespace Clearline.Cli;

public static class ClearlineCommandLine
{
    public static RootCommand Create()
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand("Clearline: report, crawl, hash, classify and take down CSAM.")
        {
            GlobalOptions.Data,
            GlobalOptions.Urls,
            ServeCommand.Demo,
            ServeCommand.NoWorkers,
            serve,
            WorkerCommand.Create(),
            AdminCommand.Create(),
            DbCommand.Create(),
            AuditCommand.Create(),
            KeysCommand.Create(),
            EvidenceCommand.Create(),
            ApiKeysCommand.Create(),
            HashCommand.Create(),
            HashListCommand.Create(),
            RetentionCommand.Create(),
            GeoIpCommand.Create(),
            VideoCommand.Create(),
            StorageCommand.Create(),
        };

        // `clearline` alone serves.
        root.Action = serve.Action;
        return root;
    }
}
