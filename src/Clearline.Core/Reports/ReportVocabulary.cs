namespace Clearline.Reports;

/// <summary>What kind of site a reported URL is on (ICCAM vocabulary, DESIGN.md §4).</summary>
public enum SiteType
{
    NotDetermined = 0,
    Website = 1,
    FileHost = 2,
    ImageStore = 3,
    ImageBoard = 4,
    Forum = 5,
    BannerSite = 6,
    LinkSite = 7,
    SocialNetworking = 8,
    Redirector = 9,
    WebArchive = 10,
    SearchProvider = 11,
    ImageHost = 12,
    Blog = 13,
    NotApplicable = 14,
}

/// <summary>Whether the site sells access.</summary>
public enum Commerciality
{
    NotDetermined = 0,
    Commercial = 1,
    NonCommercial = 2,
}

/// <summary>A payment method offered on a commercial site; a report may name several.</summary>
[Flags]
public enum PaymentMethods
{
    None = 0,
    Visa = 1 << 0,
    Mastercard = 1 << 1,
    AmericanExpress = 1 << 2,
    OtherCard = 1 << 3,
    PayPal = 1 << 4,
    WesternUnion = 1 << 5,
    Sms = 1 << 6,
    Email = 1 << 7,
    Cryptocurrency = 1 << 8,
    Other = 1 << 9,
}
