using System.Text;

namespace Clearline.Media.Tests;

/// <summary>Video containers recognised from hand-built headers; text is never media.</summary>
public sealed class MediaFormatDetectorTests
{
    [Theory]
    [InlineData("isom", MediaFormat.Mp4)]
    [InlineData("mp41", MediaFormat.Mp4)]
    [InlineData("mp42", MediaFormat.Mp4)]
    [InlineData("avc1", MediaFormat.Mp4)]
    [InlineData("iso2", MediaFormat.Mp4)]
    [InlineData("M4V ", MediaFormat.Mp4)]
    [InlineData("dash", MediaFormat.Mp4)]
    [InlineData("qt  ", MediaFormat.QuickTime)]
    [InlineData("3gp4", MediaFormat.ThreeGpp)]
    [InlineData("3g2a", MediaFormat.ThreeGpp)]
    [InlineData("heic", MediaFormat.Unknown)]
    [InlineData("avif", MediaFormat.Unknown)]
    public void Detect_FtypMajorBrand_ClassifiedByBrand(string brand, MediaFormat expected)
    {
        Assert.Equal(expected, MediaFormatDetector.Detect(Ftyp(brand)));
    }

    [Fact]
    public void Detect_UnknownMajorBrandWithMp4CompatibleBrand_IsMp4()
    {
        Assert.Equal(MediaFormat.Mp4, MediaFormatDetector.Detect(Ftyp("xyzw", "abcd", "mp42")));
    }

    [Fact]
    public void Detect_HeifWithIsoCompatibleBrand_StaysUnknown()
    {
        Assert.Equal(MediaFormat.Unknown, MediaFormatDetector.Detect(Ftyp("mif1", "heic", "iso8")));
    }

    [Theory]
    [InlineData("moov")]
    [InlineData("mdat")]
    [InlineData("wide")]
    public void Detect_ClassicQuickTimeAtom_IsQuickTime(string atom)
    {
        byte[] header = [0, 0, 0, 8, .. Encoding.ASCII.GetBytes(atom), 0, 0, 0, 0];

        Assert.Equal(MediaFormat.QuickTime, MediaFormatDetector.Detect(header));
    }

    [Theory]
    [InlineData("webm", MediaFormat.WebM)]
    [InlineData("matroska", MediaFormat.Matroska)]
    public void Detect_EbmlHeader_DocTypeDecides(string docType, MediaFormat expected)
    {
        var name = Encoding.ASCII.GetBytes(docType);
        byte[] header =
        [
            0x1A, 0x45, 0xDF, 0xA3, 0xA3,       // EBML, size
            0x42, 0x86, 0x81, 0x01,             // EBMLVersion 1
            0x42, 0xF7, 0x81, 0x01,             // EBMLReadVersion 1
            0x42, 0xF2, 0x81, 0x04,             // EBMLMaxIDLength 4
            0x42, 0xF3, 0x81, 0x08,             // EBMLMaxSizeLength 8
            0x42, 0x82, (byte)(0x80 | name.Length), .. name,
            0x42, 0x87, 0x81, 0x04,             // DocTypeVersion 4
        ];

        Assert.Equal(expected, MediaFormatDetector.Detect(header));
    }

    [Fact]
    public void Detect_EbmlWithoutDocTypeInHeader_IsMatroska()
    {
        Assert.Equal(MediaFormat.Matroska, MediaFormatDetector.Detect([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81]));
    }

    [Fact]
    public void Detect_RiffAvi_IsAvi()
    {
        Assert.Equal(MediaFormat.Avi, MediaFormatDetector.Detect("RIFF\x10\0\0\0AVI LIST"u8));
    }

    [Fact]
    public void Detect_FlashVideo_IsFlv()
    {
        Assert.Equal(MediaFormat.Flv, MediaFormatDetector.Detect([(byte)'F', (byte)'L', (byte)'V', 0x01, 0x05, 0, 0, 0, 9]));
    }

    [Fact]
    public void Detect_AsfHeaderGuid_IsAsf()
    {
        byte[] header = [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C];

        Assert.Equal(MediaFormat.Asf, MediaFormatDetector.Detect(header));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>photo.jpg</title></head></html>")]
    [InlineData("<html><body><img src=\"a.png\"></body></html>")]
    [InlineData("GIF is a format; this is text")]
    [InlineData("RIFF but not really")]
    [InlineData("")]
    public void Detect_TextOrHtml_IsUnknown(string text)
    {
        Assert.Equal(MediaFormat.Unknown, MediaFormatDetector.Detect(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Kinds_EveryFormat_IsImageOrVideoExceptUnknown()
    {
        foreach (var format in Enum.GetValues<MediaFormat>())
        {
            Assert.Equal(format != MediaFormat.Unknown, format.IsImage() ^ format.IsVideo());
        }
    }

    [Fact]
    public void Hash_Video_TypedUnsupportedErrorWithCryptoHashes()
    {
        var video = Ftyp("isom", "isom", "mp41").Concat(new byte[512]).ToArray();

        var result = new MediaHasher().Hash(video);

        Assert.Equal(MediaErrorKind.Unsupported, result.Error?.Kind);
        Assert.Contains("video", result.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(video.Length, result.Length);
    }

    private static byte[] Ftyp(string major, params string[] compatible)
    {
        var size = 16 + (4 * compatible.Length);
        byte[] box = [0, 0, 0, (byte)size, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(major), 0, 0, 2, 0];
        return [.. box, .. compatible.SelectMany(Encoding.ASCII.GetBytes)];
    }
}
