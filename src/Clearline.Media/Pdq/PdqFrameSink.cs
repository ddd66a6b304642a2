using Clearline.Media.Decoding;

namespace Clearline.Media.Pdq;

/// <summary>Hashes each decoded frame with the reference's pixel rules as its rows stream in.</summary>
internal sealed class PdqFrameSink(bool dihedral) : IFrameSink
{
    private readonly PdqSampler _sampler = PdqSampler.Current;

    public List<PdqResult> Frames { get; } = [];

    public PdqDihedralHashes? Dihedral { get; private set; }

    public void BeginFrame(int width, int height) => _sampler.Begin(width, height);

    public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey) =>
        _sampler.AddRows(pixels, rowBytes, firstRow, rowCount, grey);

    public void EndFrame(int index)
    {
        var ws = PdqWorkspace.Current;
        _sampler.FillLuma(ws);
        Frames.Add(PdqCore.Hash(ws, _sampler.Height, _sampler.Width));
        if (index == 0 && dihedral)
        {
            // Hashing consumed the luma buffer; the dihedral entry point starts again from the pixels, as the
            // reference's --pdqdih does (it differs from the plain hash only for 64×64 inputs).
            _sampler.FillLuma(ws);
            Dihedral = PdqCore.Dihedral(ws, _sampler.Height, _sampler.Width);
        }
    }
}
