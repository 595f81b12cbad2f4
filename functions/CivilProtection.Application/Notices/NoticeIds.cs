namespace CivilProtection.Application.Notices;

/// <summary>
/// The id of the notice a request message asks for: one per stage opening (<c>stage{index}-v{version}</c>) or per
/// approval (<c>ops-v{version}</c>), so asking twice opens it once.
/// </summary>
public static class NoticeIds
{
    public static string For(int? stageIndex, int version) => stageIndex is { } index ? $"stage{index}-v{version}" : $"ops-v{version}";

    /// <summary>
    /// The exchange's notices: an offer's stage (<c>offer-{offer}-stage{index}-v{version}</c>), an offer's arrival
    /// (<c>offer-{offer}-v{version}</c>), an asked partner (<c>asked-{authority}-v{version}</c>).
    /// </summary>
    public static string ForExchange(int? stageIndex, int version, string? authorityId, string? offerId) => (offerId, stageIndex) switch
    {
        ({ } offer, { } index) => $"offer-{offer}-stage{index}-v{version}",
        ({ } offer, null) => $"offer-{offer}-v{version}",
        _ => $"asked-{authorityId}-v{version}",
    };
}
