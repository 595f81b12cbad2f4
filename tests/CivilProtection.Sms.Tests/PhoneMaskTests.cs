using CivilProtection.Application.Sms;

namespace CivilProtection.Sms.Tests;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("+33612345678", "+33******78")]
    [InlineData("+212612345678", "+21******78")]
    [InlineData(" +33612345678 ", "+33******78")]
    public void A_number_shows_only_its_first_three_characters_and_last_two_digits(string phone, string masked)
    {
        Assert.Equal(masked, PhoneMask.Mask(phone));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("+3361", "******")]
    public void Short_or_missing_numbers_reveal_nothing(string? phone, string masked)
    {
        Assert.Equal(masked, PhoneMask.Mask(phone));
    }

    [Fact]
    public void The_mask_has_one_width_whatever_the_number_length()
    {
        Assert.Equal(PhoneMask.Mask("+3361234567890").Length, PhoneMask.Mask("+33612345").Length);
    }
}
