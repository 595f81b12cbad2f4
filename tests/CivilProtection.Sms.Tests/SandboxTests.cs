using System.Net;
using System.Net.Http.Json;
using System.Text;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>The Development sandbox over HTTP: it keeps what is sent, reports delivery like Twilio, and replies through the real webhook.</summary>
public sealed class SandboxTests : IAsyncLifetime
{
    private const string Phone = "+33612345678";
    private SmsTestHost _app = null!;

    public async Task InitializeAsync() => _app = await SmsTestHost.StartSandboxAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<SmsReceipt> SendAsync(string smsId, string body = "Demande AR-2026-00042 à valider. Répondez OK 4821")
    {
        var urls = _app.Service<SmsWebhookUrls>();
        return await _app.Service<ISmsGateway>().SendAsync(new OutgoingSms(Phone, body, urls.StatusCallbackFor(smsId)), CancellationToken.None);
    }

    [Fact]
    public async Task Without_credentials_in_development_the_gateway_is_the_sandbox()
    {
        Assert.IsType<SandboxSmsGateway>(_app.Service<ISmsGateway>());
        Assert.Equal(_app.BaseAddress, _app.Service<SmsWebhookUrls>().PublicBaseUrl);
    }

    [Fact]
    public async Task A_sent_sms_is_stored_in_its_numbers_thread_and_reported_delivered_by_a_signed_callback()
    {
        var receipt = await SendAsync("sms-1");

        Assert.Matches("^SM[0-9a-f]{32}$", receipt.ProviderMessageId);
        Assert.Equal("queued", receipt.Status);
        var report = await _app.Replies.StatusAsync("sms-1");
        Assert.Equal(new SmsStatusReport("sms-1", receipt.ProviderMessageId, "delivered", null), report);

        using var client = _app.Client();
        var threads = await client.GetFromJsonAsync<List<SandboxThread>>("/api/dev/sms-sandbox");
        var thread = Assert.Single(threads!);
        Assert.Equal(Phone, thread.Phone);
        var messages = await client.GetFromJsonAsync<List<SandboxMessage>>($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}");
        var message = Assert.Single(messages!);
        Assert.Equal((receipt.ProviderMessageId, "outbound", "delivered"), (message.Id, message.Direction, message.Status));
        Assert.Contains("OK 4821", message.Body);
    }

    [Fact]
    public async Task A_reply_typed_in_the_sandbox_reaches_the_app_through_the_signed_inbound_webhook()
    {
        await SendAsync("sms-1");
        _app.Replies.Answer = "Merci. Votre accusé de réception est enregistré.";
        using var client = _app.Client();

        using var response = await client.PostAsJsonAsync($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}/reply", new { body = "OK 4821" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await response.Content.ReadFromJsonAsync<SandboxReply>())!;
        Assert.Equal(200, reply.WebhookStatus);
        var received = Assert.Single(_app.Replies.Replies);
        Assert.Equal((Phone, "OK 4821", reply.Reply.Id), (received.From, received.Body, received.ProviderMessageId));
        Assert.Equal("Merci. Votre accusé de réception est enregistré.", Assert.Single(reply.Answers).Body);

        var thread = (await client.GetFromJsonAsync<List<SandboxMessage>>($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}"))!;
        Assert.Equal(["outbound", "inbound", "outbound"], thread.Select(m => m.Direction));
        Assert.Equal("OK 4821", thread[1].Body);
    }

    [Fact]
    public async Task Like_twilio_the_sandbox_marks_STOP_answers_it_itself_refuses_later_sends_with_21610_and_accepts_again_after_START()
    {
        _app.Replies.Answer = "The app must not be the one answering an opt-out.";
        using var client = _app.Client();

        using (var stop = await client.PostAsJsonAsync($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}/reply", new { body = "STOP" }))
        {
            var reply = (await stop.Content.ReadFromJsonAsync<SandboxReply>())!;
            Assert.Equal("STOP", Assert.Single(_app.Replies.Replies).OptOutType);
            Assert.Contains("unsubscribed", Assert.Single(reply.Answers).Body, StringComparison.Ordinal);
        }
        var refused = await Assert.ThrowsAsync<SmsRejectedException>(() => SendAsync("sms-after-stop"));
        Assert.Equal(21610, refused.ErrorCode);

        using (var start = await client.PostAsJsonAsync($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}/reply", new { body = "start" }))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }
        Assert.Equal("START", _app.Replies.Replies[^1].OptOutType);
        Assert.Matches("^SM[0-9a-f]{32}$", (await SendAsync("sms-after-start")).ProviderMessageId);
    }

    [Fact]
    public async Task A_reply_the_app_does_not_answer_adds_only_the_reply()
    {
        _app.Replies.Answer = null;
        using var client = _app.Client();

        using var response = await client.PostAsJsonAsync($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}/reply", new { body = "2" });

        var reply = (await response.Content.ReadFromJsonAsync<SandboxReply>())!;
        Assert.Empty(reply.Answers);
        Assert.Single((await client.GetFromJsonAsync<List<SandboxMessage>>($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}"))!);
    }

    [Fact]
    public async Task The_webhooks_still_refuse_what_the_sandbox_did_not_sign()
    {
        using var client = _app.Client();
        var form = new FormUrlEncodedContent([new("From", Phone), new("To", "+15005550006"), new("Body", "OK 4821"), new("MessageSid", "SM1")]);

        using var response = await client.PostAsync("/api/sms/inbound", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_app.Replies.Replies);
    }

    [Fact]
    public async Task A_reply_must_be_json_with_a_text()
    {
        using var client = _app.Client();
        var path = $"/api/dev/sms-sandbox/{Uri.EscapeDataString(Phone)}/reply";

        using var notJson = await client.PostAsync(path, new StringContent("body=OK", Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var empty = await client.PostAsJsonAsync(path, new { body = "  " });
        using var badNumber = await client.PostAsJsonAsync("/api/dev/sms-sandbox/0612345678/reply", new { body = "OK 4821" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Empty(_app.Replies.Replies);
    }

    [Fact]
    public async Task An_invalid_number_is_refused_as_twilio_would()
    {
        var gateway = _app.Service<ISmsGateway>();

        var refused = await Assert.ThrowsAsync<SmsRejectedException>(() =>
            gateway.SendAsync(new OutgoingSms("0612345678", "x", new Uri("http://localhost/api/sms/status?sms=x")), CancellationToken.None));

        Assert.Equal(21211, refused.ErrorCode);
    }
}

/// <summary>Outside the sandbox, its page's API does not exist.</summary>
public sealed class SandboxAbsenceTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task With_twilio_credentials_the_sandbox_api_answers_404(string environment)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = await SmsTestHost.StartAsync(twilio.Settings(new Uri("https://cp.example.org")), environment);
        using var client = app.Client();

        using var threads = await client.GetAsync("/api/dev/sms-sandbox");
        using var thread = await client.GetAsync("/api/dev/sms-sandbox/%2B33612345678");
        using var reply = await client.PostAsJsonAsync("/api/dev/sms-sandbox/%2B33612345678/reply", new { body = "OK 4821" });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { threads.StatusCode, thread.StatusCode, reply.StatusCode });
        Assert.IsType<TwilioSmsGateway>(app.Service<ISmsGateway>());
    }
}
