using System.Text;
using Clearline.Crawling.Extraction;

namespace Clearline.Tests.Crawling.Extraction;

public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData("<!DOCTYPE html><html>")]
    [InlineData("  \r\n\t<html lang=en>")]
    [InlineData("<HEAD>")]
    [InlineData("<body>")]
    [InlineData("<p>text")]
    [InlineData("<b>bold")]
    [InlineData("<br>")]
    [InlineData("<a href=x>")]
    [InlineData("<!-- comment -->")]
    [InlineData("\uFEFF<html>")]
    [InlineData("<table>")]
    [InlineData("<title>photo.jpg</title>")]
    public void LooksLikeHtml_HtmlOpenings_True(string text)
    {
        Assert.True(ContentSniffer.LooksLikeHtml(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html")]
    [InlineData("<htmlx>")]
    [InlineData("<?xml version='1.0'?>")]
    [InlineData("plain text <html>")]
    [InlineData("{\"json\": true}")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'>")]
    public void LooksLikeHtml_Other_False(string text)
    {
        Assert.False(ContentSniffer.LooksLikeHtml(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void LooksLikeHtml_ImageBytes_False()
    {
        Assert.False(ContentSniffer.LooksLikeHtml([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
    }
}
