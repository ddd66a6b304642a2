namespace Clearline.Videos;

/// <summary>A stored video's vPDQ was recorded (<paramref name="Succeeded"/>), or its failure was: either way it is no longer pending.</summary>
/// <param name="MediaSha256">The video.</param>
/// <param name="Succeeded">Whether it has a vPDQ to match with.</param>
public sealed record VideoHashed(string MediaSha256, bool Succeeded);
