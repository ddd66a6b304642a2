using Clearline.Audit;

namespace Clearline.Tests.Audit;

public sealed class AuditHashTests
{
    [Fact]
    public void Compute_TextMovedBetweenFields_ChangesHash()
    {
        var a = Entry(target: "user:ab", detail: "c");
        var b = Entry(target: "user:a", detail: "bc");

        Assert.NotEqual(AuditHash.Compute(a), AuditHash.Compute(b));
    }

    [Fact]
    public void Compute_NullAndEmpty_Differ()
    {
        Assert.NotEqual(AuditHash.Compute(Entry(detail: null)), AuditHash.Compute(Entry(detail: "")));
    }

    [Fact]
    public void Compute_SameEntry_SameLowercaseHex()
    {
        var hash = AuditHash.Compute(Entry());

        Assert.Equal(hash, AuditHash.Compute(Entry()));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Canonical_NulAndLoneSurrogate_BecomeReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb\uFFFD", AuditHash.Canonical("a\0b\ud800"));
        Assert.Null(AuditHash.Canonical(null));
    }

    private static AuditEntry Entry(string? target = "user:1", string? detail = "d") => new()
    {
        Sequence = 1,
        Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ActorKind = AuditActorKind.System,
        Action = AuditAction.UserCreated,
        Target = target,
        Detail = detail,
        PreviousHash = AuditEntry.GenesisHash,
        Hash = string.Empty,
    };
}
