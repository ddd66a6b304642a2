using System.CommandLine;

namespace Clearline.Cli;

public static class GlobalOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Directory for the SQLite database, media store and generated key (default ./data).",
        Recursive = true,
    };

    public static readonly Option<string> Urls = new("--urls")
    {
        Description = "URLs to listen on (default http://127.0.0.1:5080).",
        Recursive = true,
    };
}
