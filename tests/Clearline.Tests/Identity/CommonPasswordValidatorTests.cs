using Clearline.Identity;

namespace Clearline.Tests.Identity;

public sealed class CommonPasswordValidatorTests
{
    [Fact]
    public void List_HoldsTensOfThousandsOfPasswords() => Assert.InRange(CommonPasswordValidator.Count, 40_000, 100_000);

    [Theory]
    [InlineData("q1w2e3r4t5y6u7")]
    [InlineData("1QA2WS3ED4RF")]
    [InlineData("Pass Word 2024!")]
    [InlineData("  PASSWORD\t1234  ")]
    [InlineData("i love you 12345")]
    public void CommonOnes_AnyCaseAndSpacing_AreCommon(string password) => Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("harbour lantern violet seventeen")]
    [InlineData("granite meadow copper ninety")]
    public void Phrases_OfUnrelatedWords_AreNot(string password) => Assert.False(CommonPasswordValidator.IsCommon(password));
}
