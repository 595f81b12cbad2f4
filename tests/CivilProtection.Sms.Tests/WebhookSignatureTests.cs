using System.Net;
using System.Security.Cryptography;
using System.Text;
using CivilProtection.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>
/// Both webhooks over HTTP, in Twilio mode, behind a public URL different from the loopback address the app listens
/// on (as behind Front Door): signed calls reach the application, anything else is 403 and changes nothing.
/// </summary>
public sealed class WebhookSignatureTests : IAsyncLifetime
{
    private static readonly Uri PublicBaseUrl = new("https://cp.example.org");
    private const string SharedKeySecret = "shared-key-secret-for-webhooks";

    private FakeTwilio _twilio = null!;
    private SmsTestHost _app = null!;

    private RecordingReplies Replies => _app.Replies;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        var settings = _twilio.Settings(PublicBaseUrl);
        settings["CivilProtection:Twilio:WebhookSharedKeySecret"] = SharedKeySecret;
        _app = await SmsTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    private Uri Local(string pathAndQuery) => new(_app.BaseAddress, pathAndQuery);

    private static string Public(string pathAndQuery) => new Uri(PublicBaseUrl, pathAndQuery).AbsoluteUri;

    private static List<KeyValuePair<string, string>> InboundForm(string body = "OK 4821") =>
    [
        new("AccountSid", "AC00000000000000000000000000000000"), new("Body", body), new("From", "+33612345678"),
        new("MessageSid", "SM11111111111111111111111111111111"), new("NumMedia", "0"), new("To", "+15005550006"),
    ];

    private static List<KeyValuePair<string, string>> StatusForm(string status = "delivered") =>
    [
        new("MessageSid", "SM22222222222222222222222222222222"), new("MessageStatus", status), new("To", "+33612345678"),
    ];

    [Fact]
    public async Task A_signed_inbound_sms_reaches_the_application_and_is_answered_in_twiml()
    {
        using var response = await _twilio.SendInboundAsync(_app.BaseAddress, PublicBaseUrl, "+33612345678", "ok 4821");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Merci.</Message></Response>", await response.Content.ReadAsStringAsync());
        var reply = Assert.Single(Replies.Replies);
        Assert.Equal("+33612345678", reply.From);
        Assert.Equal(_twilio.FromNumber, reply.To);
        Assert.Equal("ok 4821", reply.Body);
        Assert.StartsWith("SM", reply.ProviderMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_to_say_is_an_empty_twiml_response()
    {
        Replies.Answer = null;

        using var response = await _twilio.PostSignedAsync(Local("/api/sms/inbound"), Public("/api/sms/inbound"), InboundForm());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response />", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_answer_is_escaped_as_xml()
    {
        Replies.Answer = "<Redirect>https://evil.example</Redirect> & \"more\"";

        using var response = await _twilio.PostSignedAsync(Local("/api/sms/inbound"), Public("/api/sms/inbound"), InboundForm());

        var twiml = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Message>&lt;Redirect&gt;https://evil.example&lt;/Redirect&gt; &amp; \"more\"</Message>", twiml);
        Assert.DoesNotContain("<Redirect>", twiml);
    }

    [Fact]
    public async Task A_signed_status_callback_is_recorded_with_our_sms_id_from_its_url()
    {
        var form = StatusForm("undelivered");
        form.Add(new("ErrorCode", "30003"));

        using var response = await _twilio.PostSignedAsync(Local("/api/sms/status?sms=AR-1%3An1"), Public("/api/sms/status?sms=AR-1%3An1"), form);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var report = Assert.Single(Replies.Statuses);
        Assert.Equal("AR-1:n1", report.SmsId);
        Assert.Equal("SM22222222222222222222222222222222", report.ProviderMessageId);
        Assert.Equal("undelivered", report.Status);
        Assert.Equal(30003, report.ErrorCode);
    }

    [Fact]
    public async Task A_status_callback_of_a_message_the_fake_accepted_round_trips()
    {
        var message = new FakeTwilioMessage("SM33333333333333333333333333333333", "+33612345678", null, _twilio.MessagingServiceSid, "x",
            new Uri(Public("/api/sms/status?sms=sms-7")), DateTimeOffset.UtcNow);

        using var response = await _twilio.ReportStatusAsync(message, "delivered", appBaseUrl: _app.BaseAddress);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(("sms-7", "delivered", (int?)null), (Replies.Statuses[0].SmsId, Replies.Statuses[0].Status, Replies.Statuses[0].ErrorCode));
    }

    public static TheoryData<string, string> Webhooks => new()
    {
        { "/api/sms/inbound", "/api/sms/inbound" },
        { "/api/sms/status?sms=s1", "/api/sms/status?sms=s1" },
    };

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task An_unsigned_call_is_refused_and_changes_nothing(string path, string signedPath)
    {
        using var response = await _twilio.PostSignedAsync(Local(path), Public(signedPath), Form(path), authToken: null);

        await AssertRefusedAsync(response);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task A_call_signed_with_another_token_is_refused(string path, string signedPath)
    {
        using var response = await _twilio.PostSignedAsync(Local(path), Public(signedPath), Form(path), authToken: "0123456789abcdef0123456789abcdef");

        await AssertRefusedAsync(response);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task A_call_signed_for_the_address_the_app_listens_on_instead_of_its_public_url_is_refused(string path, string signedPath)
    {
        using var response = await _twilio.PostSignedAsync(Local(path), Local(signedPath).AbsoluteUri, Form(path));

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_signature_of_the_inbound_webhook_replayed_on_the_status_webhook_is_refused()
    {
        using var response = await _twilio.PostSignedAsync(Local("/api/sms/status?sms=s1"), Public("/api/sms/inbound"), StatusForm());

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_status_callback_signed_without_its_sms_id_is_refused()
    {
        using var response = await _twilio.PostSignedAsync(Local("/api/sms/status?sms=someone-elses"), Public("/api/sms/status?sms=s1"), StatusForm());

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_signed_sms_whose_text_was_changed_on_the_way_is_refused()
    {
        var signature = FakeTwilio.Sign(_twilio.AuthToken, Public("/api/sms/inbound"), InboundForm("2"));
        using var request = new HttpRequestMessage(HttpMethod.Post, Local("/api/sms/inbound")) { Content = new FormUrlEncodedContent(InboundForm("1")) };
        request.Headers.Add("X-Twilio-Signature", signature);
        using var client = _app.Client();

        using var response = await client.SendAsync(request);

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task A_webhook_signed_with_the_configured_shared_key_is_accepted()
    {
        using var response = await PostSharedKeySignedAsync(SharedKeySecret);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(Replies.Statuses);
    }

    [Fact]
    public async Task A_webhook_claiming_a_shared_key_signed_with_another_secret_is_refused()
    {
        using var response = await PostSharedKeySignedAsync("another-secret");

        await AssertRefusedAsync(response);
    }

    private async Task<HttpResponseMessage> PostSharedKeySignedAsync(string secret)
    {
        var form = StatusForm();
        var data = new StringBuilder(Public("/api/sms/status?sms=s1"));
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data.ToString())));
        using var request = new HttpRequestMessage(HttpMethod.Post, Local("/api/sms/status?sms=s1")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        request.Headers.Add("X-Twilio-Webhooks-Signature-Settings", "key=webhooks_sharedkey_test,algorithm=HMAC_SHA256");
        using var client = _app.Client();
        return await client.SendAsync(request);
    }

    private static List<KeyValuePair<string, string>> Form(string path) => path.StartsWith("/api/sms/inbound", StringComparison.Ordinal) ? InboundForm() : StatusForm();

    private async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(Replies.WasCalled, "The application was called for a call not signed by Twilio.");
        await Task.CompletedTask;
    }
}
