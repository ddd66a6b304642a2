using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Clearline.Media;

/// <summary>A file's path with its hashing result.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Result">The result; errors are data, as for a single item.</param>
public sealed record FileHashResult(string Path, MediaHashResult Result);

public sealed partial class MediaHasher
{
    /// <summary>
    /// Hashes files on every core and yields the results in the order of <paramref name="paths"/>.
    /// At most a few results per core are held at a time, so any number of files can stream through.
    /// </summary>
    /// <param name="paths">The files to hash, enumerated lazily.</param>
    /// <param name="maxParallelism">Concurrent files; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Stops starting new files.</param>
    public async IAsyncEnumerable<FileHashResult> HashFilesAsync(
        IEnumerable<string> paths, int maxParallelism = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var parallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount;
        var pending = Channel.CreateBounded<Task<FileHashResult>>(new BoundedChannelOptions(parallelism) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var path in paths)
                    {
                        await pending.Writer.WriteAsync(Task.Run(() => new FileHashResult(path, HashFile(path)), cancellationToken), cancellationToken);
                    }
                }
                finally
                {
                    pending.Writer.Complete();
                }
            },
            cancellationToken);

        await foreach (var task in pending.Reader.ReadAllAsync(cancellationToken))
        {
            yield return await task;
        }

        await producer;
    }
}
