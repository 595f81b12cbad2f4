using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace CivilProtection.Application.Interop;

/// <summary>
/// The OASIS EDXL-RM 1.0 schemas, compiled once from the folder they are installed in (never from the network), with
/// our export wrapper's own schema beside them; and validation that names each bad element with its line and position.
/// </summary>
public sealed class EdxlRmSchemas
{
    private const string ExportSchemaResource = "EdxlRmExport.xsd";

    private EdxlRmSchemas(XmlSchemaSet set) => Set = set;

    /// <summary>Every message schema, their imports, and the export wrapper's schema, compiled.</summary>
    public XmlSchemaSet Set { get; }

    /// <summary>
    /// Compiles every <c>EDXL-RM*.xsd</c> in <paramref name="edxlRmFolder"/> (e.g. <c>../shared/standards/edxl-rm/1.0</c>).
    /// Imports resolve only to files under the folder's grandparent (the standards folder, where xlink lives too).
    /// </summary>
    public static EdxlRmSchemas Compile(string edxlRmFolder)
    {
        var folder = new DirectoryInfo(edxlRmFolder);
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"No EDXL-RM schemas in {folder.FullName}.");
        }
        var root = folder.Parent?.Parent ?? folder;
        var set = new XmlSchemaSet { XmlResolver = new LocalFilesOnly(root.FullName) };
        var problems = new List<string>();
        set.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        // Added by location, so that the common types every message schema imports are read once, not once per message.
        foreach (var file in folder.GetFiles("EDXL-RM*.xsd").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            set.Add(targetNamespace: null, new Uri(file.FullName).AbsoluteUri);
        }
        using (var stream = typeof(EdxlRmSchemas).Assembly.GetManifestResourceStream(ExportSchemaResource)
            ?? throw new InvalidOperationException($"The resource {ExportSchemaResource} is missing."))
        using (var reader = XmlReader.Create(stream, settings))
        {
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The EDXL-RM schemas in {folder.FullName} do not compile: {string.Join(" ", problems)}");
        }
        return new EdxlRmSchemas(set);
    }

    /// <summary>
    /// Where the standards sit beside a checkout: <c>../shared/standards/edxl-rm/1.0</c> relative to the folder above
    /// <paramref name="start"/> that holds <c>CivilProtection.sln</c>; null when there is no such checkout or folder.
    /// </summary>
    public static string? FindBesideRepository(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CivilProtection.sln")))
            {
                var standards = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "standards", "edxl-rm", "1.0"));
                return System.IO.Directory.Exists(standards) ? standards : null;
            }
        }
        return null;
    }

    /// <summary>Every way <paramref name="document"/> breaks the schemas (empty when it is valid), each naming its element.</summary>
    public IReadOnlyList<XmlProblem> Validate(XDocument document)
    {
        var problems = new List<XmlProblem>();
        document.Validate(Set, (sender, e) => problems.Add(XmlProblem.At(sender as XObject, e.Message)), addSchemaInfo: false);
        if (document.Root is { } root && root.Name.Namespace != EdxlRmNames.Msg && root.Name.Namespace != EdxlRmNames.Export)
        {
            problems.Add(XmlProblem.At(root, $"{root.Name.LocalName} is not an EDXL-RM 1.0 message (namespace {EdxlRmNames.Msg})."));
        }
        return problems;
    }

    // The schemas' own imports are files beside them; nothing else is ever fetched, least of all from the network.
    private sealed class LocalFilesOnly(string root) : XmlUrlResolver
    {
        private readonly string _root = Path.GetFullPath(root) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile || !Path.GetFullPath(absoluteUri.LocalPath).StartsWith(_root, StringComparison.Ordinal))
            {
                throw new XmlException($"Only schema files under {_root} are read, not {absoluteUri}.");
            }
            return base.GetEntity(absoluteUri, role, ofObjectToReturn);
        }
    }
}

/// <summary>One way a message is wrong: where (its element's path, line and position) and what.</summary>
public sealed record XmlProblem(string Element, int Line, int Position, string Message)
{
    public static XmlProblem At(XObject? where, string message)
    {
        var element = where as XElement ?? where?.Parent;
        var info = where as IXmlLineInfo;
        return new XmlProblem(PathOf(element, where as XAttribute), info?.LineNumber ?? 0, info?.LinePosition ?? 0, message);
    }

    /// <summary>The element as <c>RequestResource/ResourceInformation[2]/Resource</c>: local names, a position where it has same-named siblings.</summary>
    public static string PathOf(XElement? element, XAttribute? attribute = null)
    {
        var steps = new List<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var same = e.Parent?.Elements(e.Name).ToList();
            steps.Add(same is { Count: > 1 } ? $"{e.Name.LocalName}[{same.IndexOf(e) + 1}]" : e.Name.LocalName);
        }
        steps.Reverse();
        var path = string.Join('/', steps);
        return attribute is null ? path : $"{path}/@{attribute.Name.LocalName}";
    }
}
