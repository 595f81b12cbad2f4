using System.Xml.Linq;
using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// A catalogue version published as the value list our messages' TypeStructure names by its URN: every code with its
/// unit and its names in French, English and Arabic, so a partner can map our codes to its own list.
/// </summary>
public static class EdxlRmValueList
{
    public static XDocument Of(CapabilityCatalogue catalogue) => new(new XElement(Export + "ValueList",
        new XAttribute("valueListUrn", EdxlRmValueLists.Catalogue(catalogue.Version)),
        new XAttribute("version", catalogue.Version),
        catalogue.Entries.Select(entry => new XElement(Export + "Value",
            new XAttribute("code", entry.Code),
            new XAttribute("unit", entry.Unit),
            new XElement(Export + "Name", new XAttribute("lang", "fr"), entry.Names.Fr),
            new XElement(Export + "Name", new XAttribute("lang", "en"), entry.Names.En),
            new XElement(Export + "Name", new XAttribute("lang", "ar"), entry.Names.Ar)))));
}
