using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivilProtection.Api.Http;

/// <summary>
/// Reads JSON strings that are plain text: a NUL or another control character (C0 but tab, line feed and carriage
/// return; DEL; C1) has no place in a request, a name or a comment, and would reach SMS, TwiML, logs and CSV. It is
/// refused as a field error naming the field. Strings are written as they are.
/// </summary>
public sealed class PlainTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string.", new InvalidOperationException("Not a string."));
        }
        var text = reader.GetString()!;
        foreach (var c in text)
        {
            if (IsControl(c))
            {
                throw new JsonException("The text holds a control character.", new ControlCharacterException());
            }
        }
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <summary>Whether <paramref name="c"/> is a control character a text may not hold (tab, line feed and carriage return may).</summary>
    public static bool IsControl(char c) => c is < ' ' and not ('\t' or '\n' or '\r') or >= '\u007f' and <= '\u009f';
}

/// <summary>A JSON string held a control character (the inner exception of the <see cref="JsonException"/>).</summary>
public sealed class ControlCharacterException : Exception
{
    public ControlCharacterException() : base("The text holds a control character.") { }

    public ControlCharacterException(string message) : base(message) { }

    public ControlCharacterException(string message, Exception innerException) : base(message, innerException) { }
}
