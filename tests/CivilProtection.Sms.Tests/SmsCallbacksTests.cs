using CivilProtection.Application.Sms;

namespace CivilProtection.Sms.Tests;

public sealed class SmsCallbacksTests
{
    [Fact]
    public void The_status_callback_carries_our_sms_id_escaped_in_its_query()
    {
        var url = SmsCallbacks.StatusCallbackFor(new Uri("https://cp.example.org"), "AR-1:notice/2");

        Assert.Equal("https://cp.example.org/api/sms/status?sms=AR-1%3Anotice%2F2", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://cp.example.org/", "https://cp.example.org/api/sms/inbound")]
    [InlineData("https://gw.example.org/civil-protection", "https://gw.example.org/civil-protection/api/sms/inbound")]
    [InlineData("https://gw.example.org/civil-protection/", "https://gw.example.org/civil-protection/api/sms/inbound")]
    public void Webhook_urls_keep_a_base_path_behind_a_gateway(string baseUrl, string inbound)
    {
        Assert.Equal(inbound, SmsCallbacks.InboundUrl(new Uri(baseUrl)).AbsoluteUri);
    }

    [Fact]
    public void A_configured_public_url_wins_over_the_listening_address()
    {
        var urls = new SmsWebhookUrls(new Uri("https://cp.example.org"));

        urls.UseListeningAddresses(["http://127.0.0.1:5000"]);

        Assert.Equal("https://cp.example.org/api/sms/status?sms=s1", urls.StatusCallbackFor("s1").AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:54321", "http://127.0.0.1:54321/")]
    [InlineData("http://[::]:7071", "http://localhost:7071/")]
    [InlineData("http://+:7071", "http://localhost:7071/")]
    [InlineData("http://0.0.0.0:7071", "http://localhost:7071/")]
    public void Without_a_configured_url_the_sandbox_uses_the_listening_address(string address, string expected)
    {
        var urls = new SmsWebhookUrls(null);

        urls.UseListeningAddresses(["https://localhost:7443", address]);

        Assert.Equal(expected, urls.PublicBaseUrl.AbsoluteUri);
    }

    [Fact]
    public void Before_the_server_listens_the_sandbox_assumes_the_local_host_default()
    {
        Assert.Equal(SmsWebhookUrls.LocalDefault, new SmsWebhookUrls(null).PublicBaseUrl);
    }
}
