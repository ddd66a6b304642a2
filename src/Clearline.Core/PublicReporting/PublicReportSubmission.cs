namespace Clearline.PublicReporting;

/// <summary>What a member of the public reports (through the form, or a hotline's own form via the API).</summary>
/// <param name="Urls">The web addresses, one or more (<see cref="PublicReportLimits.MaxUrls"/> at most).</param>
/// <param name="WhatSeen">What they saw, in their words.</param>
/// <param name="WhereFound">Where they came across it.</param>
/// <param name="ContactEmail">An e-mail address, kept only with <paramref name="ContactConsent"/>.</param>
/// <param name="ContactConsent">Consent to keep <paramref name="ContactEmail"/> (sealed, for <see cref="PublicReportingOptions.ReporterDataRetention"/>).</param>
/// <param name="WantsFeedback">Whether they want to hear when it is handled (needs the e-mail address).</param>
/// <param name="Language">The culture the reporter used, e.g. <c>de</c>; English when empty.</param>
public sealed record PublicReportSubmission(
    IReadOnlyList<string>? Urls,
    string? WhatSeen = null,
    string? WhereFound = null,
    string? ContactEmail = null,
    bool ContactConsent = false,
    bool WantsFeedback = false,
    string? Language = null);
