using BenchmarkDotNet.Running;
using Clearline.Benchmarks;

if (args is ["pipeline", ..])
{
    await PipelineBenchmark.RunAsync(args);
    return;
}

if (args is ["knownmaterial", ..])
{
    await KnownMaterialBenchmark.RunAsync(args);
    return;
}

if (args is ["vpdq", ..])
{
    await VpdqBenchmark.RunAsync(args);
    return;
}

if (args is ["pdqindex", ..])
{
    PdqIndexBenchmarks.Run(args);
    return;
}

if (args is ["publicform", ..])
{
    await PublicFormBenchmark.RunAsync(args);
    return;
}

if (args is ["crawlserver", ..])
{
    await CrawlServerBenchmark.RunAsync(args);
    return;
}

if (args is ["vpdqindex", ..])
{
    VpdqIndexBenchmark.Run(args);
    return;
}

if (args is ["hashcheckload", ..])
{
    await HashCheckLoadBenchmark.RunAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmark).Assembly).Run(args);
