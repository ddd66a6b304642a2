using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Pdq;

public sealed class PdqHashTests
{
    public static TheoryData<string, string, int, bool> DistanceCases()
    {
        var data = new TheoryData<string, string, int, bool>();
        foreach (var row in TestData.ReadTsv("hashes/distance-cases.tsv"))
        {
            data.Add(row["hash_a"], row["hash_b"], int.Parse(row["distance"], CultureInfo.InvariantCulture), row["match_le31"] == "yes");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DistanceCases))]
    public void DistanceTo_ReferenceCases_MatchesHashtool(string a, string b, int distance, bool match)
    {
        var left = PdqHash.Parse(a);
        var right = PdqHash.Parse(b);

        Assert.Equal(distance, left.DistanceTo(right));
        Assert.Equal(distance, right.DistanceTo(left));
        Assert.Equal(match, PdqMatching.IsMatch(left, right));
    }

    [Fact]
    public void IsMatch_AtThresholdBoundary_IncludesThirtyOneExcludesThirtyTwo()
    {
        var zero = PdqHash.Zero;
        var thirtyOne = PdqHash.Parse("000000000000000000000000000000000000000000000000000000007fffffff");
        var thirtyTwo = PdqHash.Parse("00000000000000000000000000000000000000000000000000000000ffffffff");

        Assert.True(PdqMatching.IsMatch(zero, thirtyOne));
        Assert.False(PdqMatching.IsMatch(zero, thirtyTwo));
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    public void IsMatch_QualityGate_RejectsBelowFifty(int quality, bool expected)
    {
        var hash = PdqHash.Parse("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");

        Assert.Equal(expected, PdqMatching.IsMatch(new PdqResult(hash, quality), new PdqResult(hash, 100)));
    }

    [Fact]
    public void Parse_ThenToString_RoundTripsLowercase()
    {
        const string text = "D8F8F0CEE0F4A84F0637022A078F67F0B36E2ED596621E1D33E6339C4E9C9B22";

        Assert.Equal(text.ToLowerInvariant(), PdqHash.Parse(text).ToString());
    }

    [Fact]
    public void Parse_OnlyBitZero_IsLastHexDigit()
    {
        var hash = PdqHash.Parse(new string('0', 63) + "1");

        Assert.True(hash[0]);
        Assert.Equal(1, hash.PopCount);
        Assert.True(PdqHash.Parse("8" + new string('0', 63))[255]);
    }

    [Fact]
    public void FromWords_RowZeroInLastFourDigits_MatchesReferenceTextForm()
    {
        var words = new ushort[16];
        words[0] = 0x1234;
        words[15] = 0xabcd;

        Assert.Equal("abcd" + new string('0', 56) + "1234", PdqHash.FromWords(words).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b221")]
    [InlineData("g8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData(" 8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData("+8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData(null)]
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(PdqHash.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => PdqHash.Parse(text));
        }
    }

    [Fact]
    public void HashLuma_TooSmall_GivesZeroHashAndQuality()
    {
        var result = PdqHasher.HashLuma(new float[4 * 100], 4, 100);

        Assert.Equal(PdqHash.Zero, result.Hash);
        Assert.Equal(0, result.Quality);
    }
}
