using CivilProtection.Application.Sms;

namespace CivilProtection.Sms.Tests;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_holds_160_characters_in_one_segment_and_153_per_segment_beyond(int length, int segments)
    {
        var count = SmsSegments.Count(new string('a', length));

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, length, segments), count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_holds_70_units_in_one_segment_and_67_per_segment_beyond(int length, int segments)
    {
        var count = SmsSegments.Count(new string('ê', length));

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, length, segments), count);
    }

    [Fact]
    public void An_empty_text_takes_no_segment()
    {
        Assert.Equal(0, SmsSegments.Count("").Segments);
    }

    [Theory]
    [InlineData('€')]
    [InlineData('^')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('\\')]
    [InlineData('[')]
    [InlineData('~')]
    [InlineData(']')]
    [InlineData('|')]
    public void Extension_table_characters_stay_gsm7_but_count_two_septets(char extension)
    {
        var count = SmsSegments.Count(new string('a', 158) + extension);

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(160, count.Units);
        Assert.Equal(1, count.Segments);
        Assert.Equal(2, SmsSegments.Count(new string('a', 159) + extension).Segments);
    }

    [Fact]
    public void An_extension_character_is_never_split_across_two_segments()
    {
        // 306 septets would fit two concatenated segments, but the € at the end of the first must move whole to the second.
        var text = new string('a', 152) + "€" + new string('a', 152);

        var count = SmsSegments.Count(text);

        Assert.Equal(306, count.Units);
        Assert.Equal(3, count.Segments);
    }

    [Theory]
    [InlineData("é è ù ì ò à É Ç Ä Ö Ñ Ü ä ö ñ ü ß Æ æ Ø ø Å å ¿ ¡ § £ ¥ @ $")]
    [InlineData("Échéance à 16h30 ; Répondez OK 4821")]
    public void French_and_common_european_letters_of_the_gsm7_alphabet_keep_the_text_gsm7(string text)
    {
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Count(text).Encoding);
    }

    [Theory]
    [InlineData("ç")]
    [InlineData("ê")]
    [InlineData("â")]
    [InlineData("î")]
    [InlineData("ô")]
    [InlineData("û")]
    [InlineData("ë")]
    [InlineData("œ")]
    [InlineData("’")]
    [InlineData("…")]
    [InlineData("نعم")]
    public void One_character_outside_gsm7_makes_the_whole_text_ucs2(string odd)
    {
        var count = SmsSegments.Count("Crue de l'oued Sebou " + odd);

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
    }

    [Fact]
    public void Arabic_is_counted_in_utf16_code_units_at_70_then_67_a_segment()
    {
        var arabic = string.Concat(Enumerable.Repeat("نعم ", 18)); // 72 code units

        var count = SmsSegments.Count(arabic);

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 72, 2), count);
    }

    [Fact]
    public void A_surrogate_pair_counts_two_units_and_is_never_split()
    {
        var emoji = "😀";
        Assert.Equal(2, SmsSegments.Count(emoji).Units);

        // 134 units would fit two concatenated segments, but the pair at the end of the first moves whole to the second.
        var text = new string('ê', 66) + emoji + new string('ê', 66);
        var count = SmsSegments.Count(text);

        Assert.Equal(134, count.Units);
        Assert.Equal(3, count.Segments);
    }
}
