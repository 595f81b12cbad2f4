using CivilProtection.Application.Problems;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CivilProtection.Application.Forms;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Reads a message a partner's system posted, refusing hostile XML before anything else sees it: no DTD (so no entity
/// expansion and no external entity), nothing resolved, a cap on size and on nesting depth; then validates it against
/// the EDXL-RM schemas, naming every bad element with its line and position.
/// </summary>
public static class EdxlRmReader
{
    /// <summary>Far above the largest message of ours (a request of twenty lines is under 20 KiB).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The deepest EDXL-RM element we write is eight levels down; thirty-two leaves room for a partner's addresses.</summary>
    public const int MaxDepth = 32;

    private static readonly byte[] DocumentType = Encoding.ASCII.GetBytes("<!DOCTYPE");

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBytes,
        MaxCharactersFromEntities = MaxBytes,
        IgnoreProcessingInstructions = true,
        IgnoreComments = true,
    };

    /// <summary>The message, schema-valid; <see cref="XmlRefusedException"/> for hostile or malformed XML, <see cref="FormRejectedException"/> for a schema violation.</summary>
    public static XDocument ReadValid(ReadOnlySpan<byte> body, EdxlRmSchemas schemas)
    {
        var document = Parse(body);
        var problems = schemas.Validate(document);
        if (problems.Count > 0)
        {
            var errors = new FieldErrors();
            foreach (var problem in problems)
            {
                errors.Add(problem.Element, FieldError.InvalidXml(problem.Line, problem.Position, problem.Message));
            }
            throw new FormRejectedException(errors);
        }
        return document;
    }

    /// <summary>Parses <paramref name="body"/> with line information, or refuses it.</summary>
    public static XDocument Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBytes)
        {
            throw new XmlRefusedException(413, Refusal.Of(RefusalCode.XmlTooLarge, ("kib", MaxBytes / 1024)), $"An EDXL-RM message may hold at most {MaxBytes / 1024} KiB.");
        }
        // Said plainly before the parser says it in its own words: a DTD is where entity bombs and external entities live.
        if (body.IndexOf(DocumentType) >= 0)
        {
            throw new XmlRefusedException(400, Refusal.Of(RefusalCode.DtdRefused), "The message declares a DTD (<!DOCTYPE>); EDXL-RM messages have none, and no entity is expanded or fetched.");
        }
        var bytes = body.ToArray();
        try
        {
            RefuseDeepNesting(bytes);
            using var reader = XmlReader.Create(new MemoryStream(bytes), Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new XmlRefusedException(400, Refusal.Of(RefusalCode.MalformedXml, ("line", ex.LineNumber), ("position", ex.LinePosition)), $"Line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}");
        }
    }

    private static void RefuseDeepNesting(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), Settings);
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                var info = (IXmlLineInfo)reader;
                throw new XmlRefusedException(400, Refusal.Of(RefusalCode.NestedTooDeeply, ("depth", MaxDepth)),
                    $"Line {info.LineNumber}, position {info.LinePosition}: {reader.LocalName} is nested more than {MaxDepth} elements deep.");
            }
        }
    }
}

/// <summary>A posted XML body refused before it was read as a message: too large, hostile, or not well-formed. Nothing was stored.</summary>
public sealed class XmlRefusedException(int status, Refusal refusal, string message) : Exception(message)
{
    public int Status { get; } = status;
    public Refusal Refusal { get; } = refusal;
}
