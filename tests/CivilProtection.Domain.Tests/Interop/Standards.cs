using CivilProtection.Application.Interop;

namespace CivilProtection.Domain.Tests.Interop;

/// <summary>The OASIS EDXL-RM 1.0 schemas, read where they are kept, beside the repository (never copied into it).</summary>
internal static class Standards
{
    private static readonly Lazy<EdxlRmSchemas> Compiled = new(() => EdxlRmSchemas.Compile(
        EdxlRmSchemas.FindBesideRepository(AppContext.BaseDirectory) ?? throw new DirectoryNotFoundException("No ../shared/standards/edxl-rm/1.0 beside the repository.")));

    public static EdxlRmSchemas EdxlRm => Compiled.Value;
}
