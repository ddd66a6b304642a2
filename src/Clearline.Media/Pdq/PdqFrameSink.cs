using Clearline.Media.Decoding;

namespace Clearline.Media.Pdq;

/// <summary>Hashes each decoded frame with the reference's pixel rules as its rows stream in.</summary>
internal sealed class PdqFrameSink(bool dihedral) : IFrameSink, IDisposable
{
    private readonly PdqScratch _scratch = PdqScratch.Rent();

    private PdqSampler Sampler => _scratch.Sampler;

    public List<PdqResult> Frames { get; } = [];

    public PdqDihedralHashes? Dihedral { get; private set; }

    public void BeginFrame(int width, int height) => Sampler.Begin(width, height);

    public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey) =>
        Sampler.AddRows(pixels, rowBytes, firstRow, rowCount, grey);

    public void EndFrame(int index)
    {
        var ws = _scratch.Workspace;
        Sampler.FillLuma(ws);
        Frames.Add(PdqCore.Hash(ws, Sampler.Height, Sampler.Width));
        if (index == 0 && dihedral)
        {
            // Hashing consumed the luma buffer; the dihedral entry point starts again from the pixels, as the
            // reference's --pdqdih does (it differs from the plain hash only for 64×64 inputs).
            Sampler.FillLuma(ws);
            Dihedral = PdqCore.Dihedral(ws, Sampler.Height, Sampler.Width);
        }
    }

    public void Dispose() => _scratch.Dispose();
}
