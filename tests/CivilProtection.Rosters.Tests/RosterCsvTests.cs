using CivilProtection.Application.Forms;
using CivilProtection.Application.Rosters;

namespace CivilProtection.Rosters.Tests;

public sealed class RosterCsvTests
{
    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void Comma_semicolon_and_tab_separated_files_read_the_same(string separator)
    {
        var errors = new FieldErrors();
        var text = string.Join(separator, "personId", "tier", "start", "end") + "\n" + string.Join(separator, "a", "1", "2026-06-01T08:00", "2026-06-01T20:00") + "\n";

        var lines = RosterCsv.Read(text, RosterCsv.ShiftColumns, RosterCsv.ShiftColumns, errors);

        Assert.False(errors.Any);
        var line = Assert.Single(lines);
        Assert.Equal(2, line.Number);
        Assert.Equal("2026-06-01T20:00", line["end"]);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_line_breaks_inside_quotes()
    {
        var errors = new FieldErrors();
        const string text = "personId,name,mobile,language,roles\n\nana,\"Ana\nMaria\",+33612000001,fr,responder\nbob,Bob,+33612000002,fr,responder\n";

        var lines = RosterCsv.Read(text, RosterCsv.PeopleColumns, RosterCsv.PeopleRequired, errors);

        Assert.Equal([3, 5], lines.Select(l => l.Number));
        Assert.Equal("Ana\nMaria", lines[0]["name"]);
        Assert.Equal("", lines[0]["skills"]);
    }

    [Fact]
    public void A_line_with_too_many_or_too_few_fields_or_a_stray_quote_is_named_by_its_number()
    {
        var errors = new FieldErrors();
        const string text = "personId,tier,start,end\na,1,x,y\nb,1,x\nc,1,x,y,z\nd,1,ab\"c,y\n";

        var lines = RosterCsv.Read(text, RosterCsv.ShiftColumns, RosterCsv.ShiftColumns, errors);

        Assert.Equal([2], lines.Select(l => l.Number));
        Assert.Equal(["line 3", "line 4", "line 5"], errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void A_file_longer_than_the_limit_is_refused()
    {
        var errors = new FieldErrors();
        var text = "personId,tier,start,end\n" + string.Concat(Enumerable.Repeat("a,1,x,y\n", RosterCsv.MaxLines + 1));

        RosterCsv.Read(text, RosterCsv.ShiftColumns, RosterCsv.ShiftColumns, errors);

        Assert.Equal(["file"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("responder|approver")]
    [InlineData("responder; approver")]
    [InlineData(" responder  approver ")]
    [InlineData("responder,approver")]
    public void List_cells_split_on_bars_semicolons_commas_and_spaces(string cell)
    {
        Assert.Equal(["responder", "approver"], RosterCsv.Items(cell));
    }
}
