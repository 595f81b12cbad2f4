using CivilProtection.Api.Sms;
using CivilProtection.Infrastructure.Sms;

namespace CivilProtection.Sms.Tests;

public sealed class TwiMLTests
{
    [Fact]
    public void A_reply_is_one_message_escaped()
    {
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>1 &lt; 2 &amp; نعم</Message></Response>", TwiML.Reply("1 < 2 & نعم"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_reply_is_an_empty_response(string? text)
    {
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response />", TwiML.Reply(text));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_rather_than_failing_the_webhook()
    {
        Assert.Contains("<Message>OK 4821 😀</Message>", TwiML.Reply("OK\u0001 4821 😀"));
    }

    [Fact]
    public void The_sandbox_reads_back_the_messages_of_a_twiml_answer()
    {
        Assert.Equal(["a & b", "c"], SmsSandbox.Messages("<Response><Message>a &amp; b</Message><Message><Body>c</Body></Message></Response>"));
        Assert.Empty(SmsSandbox.Messages("<Response />"));
        Assert.Empty(SmsSandbox.Messages("not xml"));
    }
}
