using Clearline.Exchange.Federation;

namespace Clearline.Tests.Exchange.Federation;

public sealed class FeedCursorTests
{
    [Theory]
    [InlineData(null, 0, 0)]
    [InlineData("", 0, 0)]
    [InlineData("0.0", 0, 0)]
    [InlineData("12.3", 12, 3)]
    public void TryParse_WrittenCursor_ReadsBothParts(string? text, long entry, long withdrawal)
    {
        Assert.True(FeedCursor.TryParse(text, out var cursor));
        Assert.Equal(new FeedCursor(entry, withdrawal), cursor);
    }

    [Theory]
    [InlineData("12")]
    [InlineData(".3")]
    [InlineData("12.")]
    [InlineData("-1.0")]
    [InlineData("1.2.3")]
    [InlineData("a.b")]
    [InlineData(" 1.2")]
    public void TryParse_AnythingElse_IsRefused(string text) => Assert.False(FeedCursor.TryParse(text, out _));

    [Fact]
    public void ToString_RoundTrips() => Assert.Equal("7.42", new FeedCursor(7, 42).ToString());
}
