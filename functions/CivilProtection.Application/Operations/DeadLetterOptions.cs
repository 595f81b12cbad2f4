namespace CivilProtection.Application.Operations;

/// <summary>How dead letters are read and counted (section <c>CivilProtection:DeadLetters</c>).</summary>
public sealed class DeadLetterOptions
{
    public const string SectionName = "CivilProtection:DeadLetters";

    /// <summary>
    /// How many dead letters of each queue are read, oldest first: listed on the page, counted for the health probe,
    /// searched for the one to replay or discard. A queue holding more shows its oldest; settle those first.
    /// </summary>
    public int PerQueue { get; set; } = DefaultPerQueue;

    public const int DefaultPerQueue = 100;

    public const int MaxPerQueue = 1000;

    /// <summary>How often the background count behind the health probe runs (also right after a replay or discard).</summary>
    public TimeSpan CountEvery { get; set; } = DefaultCountEvery;

    public static readonly TimeSpan DefaultCountEvery = TimeSpan.FromSeconds(30);
}
