using System.CommandLine;

namespace Clearline.Cli;

public static class ClearlineCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Clearline: report, crawl, hash, classify and take down CSAM.");
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Urls);
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Action = serve.Action;
        return root;
    }
}
