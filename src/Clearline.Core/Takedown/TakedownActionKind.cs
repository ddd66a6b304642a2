namespace Clearline.Takedown;

/// <summary>What a hotline did about a content URL (DESIGN §4, ICCAM's action vocabulary).</summary>
public enum TakedownActionKind
{
    /// <summary>Reported to the hotline's national police.</summary>
    ReportedToLea = 1,

    /// <summary>Notice sent to the hosting provider: re-checks are scheduled until removal is confirmed.</summary>
    ReportedToHost = 2,

    /// <summary>The content is no longer online (final).</summary>
    Removed = 3,

    /// <summary>The content cannot be reached, e.g. behind a password (final).</summary>
    Unavailable = 4,

    /// <summary>The content is hosted in another country now; it is routed there (final for this hotline).</summary>
    Moved = 5,

    /// <summary>The content is not illegal; nothing to take down (final).</summary>
    NotIllegal = 6,
}
