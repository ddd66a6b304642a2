using System.Collections.Concurrent;

namespace Clearline.Media.Pdq;

/// <summary>
/// The memory one PDQ computation needs (about 3.4 MB: sampled pixels and two 512×512 float planes), rented
/// from a small pool so hashing allocates nothing of image size, and the memory held is bounded by the
/// number of concurrent hashes rather than by the number of threads that ever hashed.
/// </summary>
internal sealed class PdqScratch : IDisposable
{
    private static readonly ConcurrentBag<PdqScratch> _pool = [];
    private static readonly int _retained = Math.Max(2, Environment.ProcessorCount * 2);

    private PdqScratch()
    {
    }

    public PdqSampler Sampler { get; } = new();

    public PdqWorkspace Workspace { get; } = new();

    public static PdqScratch Rent() => _pool.TryTake(out var scratch) ? scratch : new PdqScratch();

    /// <summary>Returns the scratch to the pool (or to the garbage collector when the pool is full).</summary>
    public void Dispose()
    {
        if (_pool.Count < _retained)
        {
            _pool.Add(this);
        }
    }
}
