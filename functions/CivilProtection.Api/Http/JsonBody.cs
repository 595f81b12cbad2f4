using System.Text.Json;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Http;

/// <summary>
/// Reads a JSON body with the checks every state-changing call needs: the content type must be JSON (a
/// cross-site form cannot send that without a CORS preflight, which is the API's CSRF defence), the size is
/// capped (413 beyond), and malformed JSON is a 400 naming where it broke.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!IsJson(request.ContentType))
        {
            throw new BodyRejectedException(415, Refusal.Of(RefusalCode.NotJson));
        }
        using var buffer = await ReadCappedAsync(request, MaxBytes, TooLarge, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options)
                ?? throw new BodyRejectedException(400, Refusal.Of(RefusalCode.EmptyBody));
        }
        catch (JsonException ex) when (ex.Path is { Length: > 2 } path && ex.InnerException is ControlCharacterException)
        {
            throw new FormRejectedException(path[2..], FieldError.ControlCharacter);
        }
        catch (JsonException ex) when (ex.Path is { Length: > 2 } path && ex.InnerException is null or InvalidOperationException or FormatException)
        {
            // A value of the wrong type (text for a quantity, a malformed date) is a field error like any other.
            throw new FormRejectedException(path[2..], FieldError.WrongType);
        }
        catch (JsonException)
        {
            throw new BodyRejectedException(400, Refusal.Of(RefusalCode.MalformedJson));
        }
    }

    /// <summary>The whole body, refused with <paramref name="tooLarge"/> beyond <paramref name="maxBytes"/> (announced or as it is read).</summary>
    public static async Task<MemoryStream> ReadCappedAsync(HttpRequest request, int maxBytes, Func<BodyRejectedException> tooLarge, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw tooLarge();
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await buffer.DisposeAsync();
                throw tooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json;", StringComparison.OrdinalIgnoreCase));

    private static BodyRejectedException TooLarge() =>
        new(413, Refusal.Of(RefusalCode.BodyTooLarge, ("kib", MaxBytes / 1024)));
}

/// <summary>A body refused before it reached the application: wrong type, too large, or not JSON.</summary>
public sealed class BodyRejectedException(int status, Refusal refusal) : Exception(refusal.WireCode)
{
    public int Status { get; } = status;
    public Refusal Refusal { get; } = refusal;
}
