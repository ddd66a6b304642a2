using System.Diagnostics;
using System.Text;
using Clearline.Tests.Cli;

namespace Clearline.Tests.Jobs;

/// <summary><c>clearline worker</c> as an operator runs it: a real process, stopped with SIGTERM.</summary>
public sealed class WorkerCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-worker-").FullName;

    [Fact]
    public async Task Worker_FreshDirectory_MigratesRunsAndExits0OnSigterm()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Signals are sent with kill(1).");
        using var worker = Process.Start(ClearlineProcess.StartInfo(null, "worker", "--data", _data))!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }

        worker.OutputDataReceived += Collect;
        worker.ErrorDataReceived += Collect;
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(started.Task, worker.WaitForExitAsync(TestContext.Current.CancellationToken))
                .WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.True(started.Task.IsCompleted, "The worker did not start:\n" + output);
            Assert.True(File.Exists(Path.Combine(_data, "clearline.db")), "The worker did not create the database.");

            using var kill = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            await worker.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.True(worker.ExitCode == 0, $"exit {worker.ExitCode}\n{output}");
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
