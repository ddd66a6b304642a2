using System.Net;
using Clearline.Crawling;

namespace Clearline.Tests.Crawling;

public sealed class SpecialPurposeAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.1")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("100::1")]
    [InlineData("2001::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    public void Contains_SpecialPurposeAddress_True(string address) =>
        Assert.True(SpecialPurposeAddresses.Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::192.168.0.1")]
    [InlineData("::ffff:0:127.0.0.1")]
    [InlineData("::ffff:0:8.8.8.8")]
    public void Contains_Ipv4InsideIpv6_JudgedByTheIpv4OrRefused(string address) =>
        Assert.True(SpecialPurposeAddresses.Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::1")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Contains_PublicAddress_False(string address) =>
        Assert.False(SpecialPurposeAddresses.Contains(IPAddress.Parse(address)));

    [Fact]
    public void Unwrap_MappedAddress_GivesTheIpv4()
    {
        Assert.Equal(IPAddress.Parse("127.0.0.1"), SpecialPurposeAddresses.Unwrap(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal(IPAddress.Parse("8.8.8.8"), SpecialPurposeAddresses.Unwrap(IPAddress.Parse("64:ff9b::808:808")));
        Assert.Equal(IPAddress.Parse("2606:4700::1"), SpecialPurposeAddresses.Unwrap(IPAddress.Parse("2606:4700::1")));
    }
}
