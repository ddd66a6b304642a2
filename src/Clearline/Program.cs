using Clearline.Cli;

return await ClearlineCommandLine.Create().Parse(args).InvokeAsync();
