using System.Net;
using Clearline.Hosting;

namespace Clearline.Tests.Hosting;

/// <summary>The real resolver, on loopback only: the tracer never asks about loopback, so it is tested directly.</summary>
public sealed class SystemReverseDnsResolverTests
{
    [Fact]
    public async Task ReverseLookupAsync_Loopback_ReturnsName()
    {
        var name = await new SystemReverseDnsResolver().ReverseLookupAsync(IPAddress.Loopback, TestContext.Current.CancellationToken);

        Assert.False(string.IsNullOrWhiteSpace(name));
    }

    [Fact]
    public async Task ReverseLookupAsync_Cancelled_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SystemReverseDnsResolver().ReverseLookupAsync(IPAddress.Loopback, new CancellationToken(canceled: true)));
    }
}
