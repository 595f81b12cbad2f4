using System.Text.Json.Nodes;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Every row today's code writes, in every state table, carries the format it was written in (docs/deploy.md, "How an
/// upgrade works"): the row-fixture story (directory seed, people, rosters, a filing through its route, a request to a
/// partner with an approved offer, the SMS they send) is run on a fresh host and each of its rows is read back.
/// </summary>
public sealed class RowFormatStampTests
{
    [Fact]
    public async Task Every_row_a_story_writes_carries_the_current_format()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"row-format-{Guid.NewGuid():N}");
        try
        {
            await RowFixtureStory.WriteAsync(directory, CancellationToken.None);
            var tables = Directory.GetFiles(directory, "*.json").Where(f => Path.GetFileName(f) != RowFixtureStory.Manifest).ToList();
            Assert.Contains(tables, f => Path.GetFileName(f) == "Requests.json");
            var unstamped = new List<string>();
            var rows = 0;
            foreach (var file in tables)
            {
                foreach (var row in JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsArray())
                {
                    rows++;
                    if (row!["Properties"]![RowFormat.Column] is not { } format || (string)format["Type"]! != "Int32" || (int)format["Value"]! != RowFormat.Current)
                    {
                        unstamped.Add($"{Path.GetFileNameWithoutExtension(file)}: {row["PartitionKey"]} / {row["RowKey"]}");
                    }
                }
            }
            Assert.True(rows > 50, $"The story wrote only {rows} rows.");
            Assert.Empty(unstamped);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
