using System.CommandLine;

namespace Clearline.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the web UI, the API and the background workers (default).");
        command.SetAction(async (parse, ct) =>
        {
            await Task.Yield();
            Console.Error.WriteLine(parse.GetValue(GlobalOptions.Data));
            return 0;
        });
        return command;
    }
}
