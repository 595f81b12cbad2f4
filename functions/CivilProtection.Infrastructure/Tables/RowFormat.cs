using Azure.Data.Tables;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// The format each stored row was written in, in its <c>Format</c> column, so that code of a later day knows what it
/// reads and code of an earlier day refuses what it cannot read instead of misreading it and writing over fields it
/// does not know (a rollback after an upgrade would otherwise lose them).
/// <list type="bullet">
/// <item>Format 0: rows written before 2026-12-07 carry no column; their layout is format 1's and is read as it.</item>
/// <item>Format 1: the layout of 2026-12-07 (the fixtures under <c>tests/…/Fixtures/rows-2026-12-07</c>).</item>
/// </list>
/// A change of layout adds a format: it raises <see cref="Current"/>, keeps reading every earlier one, and commits a
/// fixture of the last rows written before it (docs/deploy.md, "How an upgrade works"). A row is upgraded when it is
/// next written in full; a merge of a few columns leaves the row's format as its last full write set it.
/// </summary>
public static class RowFormat
{
    public const string Column = "Format";

    public const int Current = 1;

    /// <summary>A row to be written in full, stamped with the format of today's code.</summary>
    public static TableEntity New(string partitionKey, string rowKey) => new(partitionKey, rowKey) { [Column] = Current };

    /// <summary>The format <paramref name="entity"/> was written in (0 for rows older than the column).</summary>
    public static int Of(TableEntity entity) => entity.GetInt32(Column) ?? 0;

    /// <summary>Returns <paramref name="entity"/> if this code can read its format; refuses one written by newer code.</summary>
    public static TableEntity Readable(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var format = Of(entity);
        return format <= Current ? entity : throw new RowFormatTooNewException(entity.PartitionKey, entity.RowKey, format);
    }
}

/// <summary>A row written by a newer version of the code than the one running: it is left untouched.</summary>
public sealed class RowFormatTooNewException(string partitionKey, string rowKey, int format)
    : Exception($"Row {rowKey} of partition {partitionKey} is in format {format}; this version reads formats up to {RowFormat.Current}. Deploy the version that wrote it.");
