using Clearline.Media.Decoding;
using Clearline.Media.Previews;

namespace Clearline.Media;

/// <summary>What <see cref="MediaHasher"/> computes besides the cryptographic hashes and the first frame's PDQ.</summary>
public sealed record MediaHashOptions
{
    /// <summary>The defaults: first frame only, no dihedral hashes, no previews.</summary>
    public static MediaHashOptions Default { get; } = new();

    /// <summary>Decoding limits for untrusted input.</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Also compute the eight dihedral hashes of the first frame.</summary>
    public bool Dihedral { get; init; }

    /// <summary>Hash every frame of an animation (up to <see cref="DecodeOptions.MaxFrames"/>), not just the first.</summary>
    public bool AllFrames { get; init; }

    /// <summary>When set, also render analyst previews from the same decode of the first frame.</summary>
    public PreviewOptions? Previews { get; init; }
}
