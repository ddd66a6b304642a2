namespace Clearline.Media.Hashing;

/// <summary>The three cryptographic digests hash lists use (VICS, ICSE and industry lists), as lowercase hex.</summary>
/// <param name="Md5">MD5, 32 hex digits.</param>
/// <param name="Sha1">SHA-1, 40 hex digits.</param>
/// <param name="Sha256">SHA-256, 64 hex digits.</param>
public sealed record CryptographicHashes(string Md5, string Sha1, string Sha256);
