namespace Clearline.Classification;

/// <summary>An assessment of one media item (DESIGN.md §4).</summary>
public enum Verdict
{
    /// <summary>Illegal everywhere, by INTERPOL's criteria. Final network-wide.</summary>
    Baseline = 1,

    /// <summary>Illegal under one jurisdiction's law.</summary>
    National = 2,

    NotIllegal = 3,
}

public enum AgeGroup
{
    NotCategorised = 0,
    Infant = 1,
    PrePubescent = 2,
    Pubescent = 3,
}

public enum Gender
{
    NotDetermined = 0,
    Female = 1,
    Male = 2,
    Both = 3,
}

[Flags]
public enum ContentFlags
{
    None = 0,

    /// <summary>Computer-generated or AI.</summary>
    Virtual = 1,

    /// <summary>Self-generated.</summary>
    UserGenerated = 2,

    ChildModelling = 4,
}
