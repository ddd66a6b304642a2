using System.Globalization;
using System.Text;
using QRCoder;

namespace Clearline.Account;

/// <summary>What a person needs to add Clearline to an authenticator app: the key, grouped, and a QR code.</summary>
/// <param name="FormattedKey">The Base32 key in groups of four, for typing by hand.</param>
/// <param name="QrCodeDataUri">A PNG data URI of the <c>otpauth://</c> link.</param>
public sealed record AuthenticatorEnrolment(string FormattedKey, string QrCodeDataUri)
{
    private const string Issuer = "Clearline";

    /// <remarks>
    /// The QR code is drawn on the server as a PNG data URI: the key never leaves Clearline for a third-party
    /// QR service, and no script is needed (the Content-Security-Policy allows <c>data:</c> images only).
    /// </remarks>
    public static AuthenticatorEnrolment For(string email, string key)
    {
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");
        var png = PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 5, drawQuietZones: true);
        return new AuthenticatorEnrolment(Group(key), "data:image/png;base64," + Convert.ToBase64String(png));
    }

    private static string Group(string key)
    {
        var upper = key.ToUpperInvariant();
        var grouped = new StringBuilder(upper.Length + upper.Length / 4);
        for (var i = 0; i < upper.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                grouped.Append(' ');
            }

            grouped.Append(upper[i]);
        }

        return grouped.ToString();
    }
}
