namespace CivilProtection.Application.Notices;

/// <summary>
/// The id of the notice a request message asks for: one per stage opening (<c>stage{index}-v{version}</c>) or per
/// approval (<c>ops-v{version}</c>), so asking twice opens it once.
/// </summary>
public static class NoticeIds
{
    public static string For(int? stageIndex, int version) => stageIndex is { } index ? $"stage{index}-v{version}" : $"ops-v{version}";
}
