using BenchmarkDotNet.Running;
using Clearline.Benchmarks;

if (args is ["pipeline", ..])
{
    await PipelineBenchmark.RunAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmark).Assembly).Run(args);
