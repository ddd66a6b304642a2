using Clearline.PublicReporting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.PublicReporting;

/// <summary>The hashcash challenge: signed, stateless across nodes sharing the key ring, single use, time-bound.</summary>
public sealed class ProofOfWorkTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly IDataProtectionProvider _keyRing = new EphemeralDataProtectionProvider();

    [Fact]
    public void Solved_Passes_ThenIsSpent()
    {
        var pow = Node(bits: 10);
        var challenge = pow.Issue();
        var nonce = ProofOfWork.Solve(challenge);

        Assert.Equal(10, challenge.Bits);
        Assert.True(ProofOfWork.Solves(challenge.Value, nonce, 10));
        Assert.Equal(PowVerdict.Passed, pow.Verify(challenge.Value, nonce));
        Assert.Equal(PowVerdict.Refused, pow.Verify(challenge.Value, nonce));
    }

    [Fact]
    public void AnotherNode_SharingTheKeyRing_VerifiesIt()
    {
        var challenge = Node(bits: 8).Issue();

        Assert.Equal(PowVerdict.Passed, Node(bits: 8).Verify(challenge.Value, ProofOfWork.Solve(challenge)));
    }

    [Fact]
    public void WrongNonce_FewerBits_ForgedOrOtherKeyRing_AreRefused()
    {
        var pow = Node(bits: 12);
        var challenge = pow.Issue();
        var wrong = Enumerable.Range(0, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => !ProofOfWork.Solves(challenge.Value, n, 12));
        var easy = Node(bits: 2).Issue();
        var elsewhere = new ProofOfWork(new EphemeralDataProtectionProvider(), new MemoryCache(new MemoryCacheOptions()),
            Microsoft.Extensions.Options.Options.Create(new PublicReportingOptions { ProofOfWorkBits = 12 }), _time).Issue();

        Assert.Equal(PowVerdict.Refused, pow.Verify(challenge.Value, wrong));
        Assert.Equal(PowVerdict.Refused, pow.Verify(easy.Value, ProofOfWork.Solve(easy)));
        Assert.Equal(PowVerdict.Refused, pow.Verify(elsewhere.Value, ProofOfWork.Solve(elsewhere)));
        Assert.Equal(PowVerdict.Refused, pow.Verify(challenge.Value[..^2] + "AA", ProofOfWork.Solve(challenge)));
        Assert.Equal(PowVerdict.Refused, pow.Verify(null, "1"));
    }

    [Fact]
    public void Expired_AfterTheChallengeLifetime()
    {
        var pow = Node(bits: 4);
        var challenge = pow.Issue();
        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        Assert.Equal(PowVerdict.Expired, pow.Verify(challenge.Value, ProofOfWork.Solve(challenge)));
    }

    [Fact]
    public void WithoutASolution_PassesOnlyAfterTheNoScriptDelay()
    {
        var pow = Node(bits: 20);
        var challenge = pow.Issue();

        Assert.Equal(PowVerdict.TooFast, pow.Verify(challenge.Value, string.Empty));
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(PowVerdict.TooFast, pow.Verify(challenge.Value, null));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PowVerdict.Passed, pow.Verify(challenge.Value, string.Empty));
        Assert.Equal(PowVerdict.Refused, pow.Verify(challenge.Value, string.Empty));
    }

    /// <summary>A node: its own memory of spent challenges, the shared key ring and clock.</summary>
    private ProofOfWork Node(int bits) => new(_keyRing, new MemoryCache(new MemoryCacheOptions()),
        Microsoft.Extensions.Options.Options.Create(new PublicReportingOptions
        {
            ProofOfWorkBits = bits,
            ChallengeLifetime = TimeSpan.FromHours(2),
            NoScriptDelay = TimeSpan.FromSeconds(20),
        }), _time);
}
