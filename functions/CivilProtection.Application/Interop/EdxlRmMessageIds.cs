namespace CivilProtection.Application.Interop;

/// <summary>
/// The MessageIDs of what we export, derived from the request and offer ids so that exporting again gives the same ids
/// (a partner that imports twice sees the same message) and a reply's OriginatingMessageID leads back to the request.
/// </summary>
public static class EdxlRmMessageIds
{
    private const string Prefix = "urn:x-civil-protection:request:";

    public static string Request(string requestId) => Prefix + requestId;

    public static string Offer(string requestId, string offerId) => $"{Prefix}{requestId}:offer:{offerId}";

    public static string Commit(string requestId, string offerId) => $"{Offer(requestId, offerId)}:commit";

    /// <summary>A question (or its answer) is named after its line in the request's timeline.</summary>
    public static string Question(string requestId, string offerId, int sequence) => $"{Offer(requestId, offerId)}:question:{sequence}";

    public static string Answer(string requestId, string offerId, int sequence) => $"{Offer(requestId, offerId)}:answer:{sequence}";

    /// <summary>The <paramref name="number"/>th status report (from 1) of an authority's deployment on the request.</summary>
    public static string Report(string requestId, string authorityId, int number) => $"{Deployment(requestId, authorityId)}:report:{number}";

    public static string Release(string requestId, string authorityId) => $"{Deployment(requestId, authorityId)}:release";

    public static string Return(string requestId, string authorityId) => $"{Deployment(requestId, authorityId)}:return";

    private static string Deployment(string requestId, string authorityId) => $"{Prefix}{requestId}:deployment:{authorityId}";

    /// <summary>The request one of our MessageIDs names, or null for a MessageID we did not make.</summary>
    public static string? RequestIdOf(string messageId)
    {
        if (!messageId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = messageId[Prefix.Length..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        var id = end < 0 ? rest : rest[..end];
        return id.Length > 0 ? id : null;
    }

    /// <summary>The offer one of our offer MessageIDs names, or null.</summary>
    public static string? OfferIdOf(string messageId)
    {
        const string marker = ":offer:";
        var at = messageId.IndexOf(marker, StringComparison.Ordinal);
        if (RequestIdOf(messageId) is null || at < 0)
        {
            return null;
        }
        var rest = messageId[(at + marker.Length)..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }
}
