using System.Text.Json;
using CivilProtection.Application.Forms;
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
            throw new BodyRejectedException(415, "Send JSON.", "State-changing calls take a body with Content-Type: application/json.");
        }
        using var buffer = await ReadCappedAsync(request, MaxBytes, TooLarge, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options)
                ?? throw new BodyRejectedException(400, "Empty body.", "The body must be a JSON object.");
        }
        catch (JsonException ex) when (ex.Path is { Length: > 2 } path && ex.InnerException is ControlCharacterException)
        {
            throw new FormRejectedException(path[2..], "This text holds a control character (such as NUL); only tab and line breaks are allowed.");
        }
        catch (JsonException ex) when (ex.Path is { Length: > 2 } path && ex.InnerException is null or InvalidOperationException or FormatException)
        {
            // A value of the wrong type (text for a quantity, a malformed date) is a field error like any other.
            throw new FormRejectedException(path[2..], "This value has the wrong type or format.");
        }
        catch (JsonException)
        {
            throw new BodyRejectedException(400, "Malformed JSON.", "The body is not a valid JSON object.");
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
        new(413, "Body too large.", $"The body may hold at most {MaxBytes / 1024} KiB.");
}

/// <summary>A body refused before it reached the application: wrong type, too large, or not JSON.</summary>
public sealed class BodyRejectedException(int status, string title, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
