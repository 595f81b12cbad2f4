using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Http;

/// <summary>The <c>format</c> a list is asked in: JSON (absent or <c>json</c>) or a CSV file (<c>csv</c>); anything else is a 400 naming it.</summary>
public static class ExportFormat
{
    public static bool IsCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["format"].ToString();
        return format switch
        {
            "" or "json" => false,
            "csv" => true,
            _ => throw new FormRejectedException("format", FieldError.NotOneOf(["csv", "json"])),
        };
    }

    /// <summary>A CSV text as a UTF-8 file download named <paramref name="fileName"/>.</summary>
    public static FileContentHttpResult Csv(string csv, string fileName) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", fileName);
}
