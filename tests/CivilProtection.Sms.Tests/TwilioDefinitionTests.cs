using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CivilProtection.Sms.Tests;

/// <summary>
/// Prism with Twilio's own OpenAPI definition (shared/standards/twilio), started once for the class: a mock, and a
/// validating proxy in front of the fake Twilio, and one in front of a Twilio that answers what the definition
/// forbids (the control), all with <c>--errors</c>.
/// </summary>
public sealed class TwilioDefinitionFixture : IAsyncLifetime
{
    private WebApplication _broken = null!;

    public PrismServer Mock { get; private set; } = null!;
    public PrismServer Proxy { get; private set; } = null!;
    public PrismServer BrokenProxy { get; private set; } = null!;
    public FakeTwilio Twilio { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var definition = PrismServer.TwilioDefinition();
        Twilio = await FakeTwilio.StartAsync();
        _broken = await StartBrokenTwilioAsync();
        // Started side by side: each reads the 1.8 MB definition first.
        var mock = PrismServer.MockAsync(definition);
        var proxy = PrismServer.ProxyAsync(definition, Twilio.BaseUrl);
        var broken = PrismServer.ProxyAsync(definition, new Uri(_broken.Urls.First()));
        Mock = await mock;
        Proxy = await proxy;
        BrokenProxy = await broken;
    }

    // A 201 for every message, with a SID and a status Twilio never gives and the segments as a number, not a string.
    private static async Task<WebApplication> StartBrokenTwilioAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", () => Results.Json(new { sid = "SM42", status = "handed-over", num_segments = 1 }, statusCode: 201));
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        await Mock.DisposeAsync();
        await Proxy.DisposeAsync();
        await BrokenProxy.DisposeAsync();
        await Twilio.DisposeAsync();
        await _broken.DisposeAsync();
    }
}

/// <summary>
/// The project's Twilio traffic against Twilio's OpenAPI definition: what the real gateway sends (through Prism's mock,
/// which refuses what the definition forbids), and what the fake Twilio answers (through Prism's proxy, which checks
/// the answers too). A case per request kind, so other resources (Calls) take their place beside Messages.
/// </summary>
public sealed class TwilioDefinitionTests(TwilioDefinitionFixture prism, ITestOutputHelper output) : IClassFixture<TwilioDefinitionFixture>
{
    private static readonly Uri PublicBaseUrl = new("https://cp.example.org");
    private const string To = "+33612345678";
    private const string Arabic = "[عاجل] الطلب AR-2026-00042 في انتظار المصادقة. أجيبوا تم ٤٨٢١";

    /// <summary>How the gateway is set up and what it sends, for each kind of request it makes.</summary>
    private static readonly Dictionary<string, (Func<FakeTwilio, TwilioOptions> Options, OutgoingSms Sms)> Sends = new()
    {
        ["Messages: through the Messaging Service"] = (t => Options(t), Sms()),
        ["Messages: from a number"] = (t => Options(t, useFromNumber: true), Sms()),
        ["Messages: with a validity period"] = (t => Options(t), Sms() with { ValidFor = TimeSpan.FromMinutes(10) }),
        ["Messages: with an API key"] = (t => Options(t, useApiKey: true), Sms()),
        ["Messages: in Arabic"] = (t => Options(t), Sms() with { Body = Arabic }),
    };

    public static TheoryData<string> SendKinds => new(Sends.Keys);

    [Theory]
    [MemberData(nameof(SendKinds))]
    public async Task What_the_gateway_sends_is_what_twilios_definition_allows(string kind)
    {
        var (options, sms) = Sends[kind];
        var verdicts = new PrismVerdicts();
        using var gateway = Gateway(options(prism.Twilio), prism.Mock, verdicts);

        var receipt = await gateway.SendAsync(sms, CancellationToken.None);

        var verdict = Assert.Single(verdicts.All);
        Assert.True(verdict.Conforms, Report(verdict, prism.Mock));
        Assert.Equal(201, verdict.Status);
        Assert.StartsWith("SM", receipt.ProviderMessageId, StringComparison.Ordinal);
        output.WriteLine($"Prism started in {prism.Mock.StartTime.TotalSeconds:0.0} s (mock), {prism.Proxy.StartTime.TotalSeconds:0.0} s and {prism.BrokenProxy.StartTime.TotalSeconds:0.0} s (proxies), side by side.");
    }

    /// <summary>The calls the voice gateway places: from the voice number, with an API key, at each bound of the ring time.</summary>
    private static readonly Dictionary<string, (Func<FakeTwilio, TwilioOptions> Options, OutgoingCall Call)> Calls = new()
    {
        ["Calls: from the voice number"] = (t => Options(t, withVoice: true), Call()),
        ["Calls: with an API key"] = (t => Options(t, useApiKey: true, withVoice: true), Call()),
        ["Calls: ringing the shortest time"] = (t => Options(t, withVoice: true), Call() with { RingFor = TimeSpan.Zero }),
        ["Calls: ringing the longest time"] = (t => Options(t, withVoice: true), Call() with { RingFor = TimeSpan.FromHours(1) }),
    };

    public static TheoryData<string> CallKinds => new(Calls.Keys);

    [Theory]
    [MemberData(nameof(CallKinds))]
    public async Task The_calls_the_gateway_places_are_what_twilios_definition_allows(string kind)
    {
        var (options, call) = Calls[kind];
        var verdicts = new PrismVerdicts();
        using var gateway = VoiceGateway(options(prism.Twilio), prism.Mock, verdicts);

        var receipt = await gateway.CallAsync(call, CancellationToken.None);

        var verdict = Assert.Single(verdicts.All);
        Assert.True(verdict.Conforms, Report(verdict, prism.Mock));
        Assert.Equal(201, verdict.Status);
        Assert.StartsWith("CA", receipt.ProviderMessageId, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CallKinds))]
    public async Task The_fake_twilios_calls_answer_what_twilios_definition_says(string kind)
    {
        var (options, call) = Calls[kind];
        var verdicts = new PrismVerdicts();
        using var gateway = VoiceGateway(options(prism.Twilio), prism.Proxy, verdicts);

        await gateway.CallAsync(call, CancellationToken.None);

        var verdict = Assert.Single(verdicts.All);
        AssertAnswerConforms(verdict);
        Assert.Equal(201, verdict.Status);
        Assert.Empty(prism.Twilio.Violations);
    }

    [Fact]
    public async Task A_message_without_a_recipient_is_reported_as_a_violation()
    {
        var verdicts = PrismVerdicts.OverSockets();
        using var http = new HttpClient(verdicts);
        using var request = MessagesRequest(prism.Mock.BaseUrl, prism.Twilio, new() { ["Body"] = "Bonjour", ["MessagingServiceSid"] = prism.Twilio.MessagingServiceSid });

        using var response = await http.SendAsync(request);

        var verdict = Assert.Single(verdicts.All);
        Assert.False(verdict.Conforms, Report(verdict, prism.Mock));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("'To'", verdict.PrismError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_credentials_is_reported_as_a_violation()
    {
        var verdicts = PrismVerdicts.OverSockets();
        using var http = new HttpClient(verdicts);
        using var request = MessagesRequest(prism.Mock.BaseUrl, prism.Twilio, new() { ["To"] = To, ["Body"] = "Bonjour", ["From"] = prism.Twilio.FromNumber });
        request.Headers.Authorization = null;

        using var response = await http.SendAsync(request);

        Assert.False(Assert.Single(verdicts.All).Conforms);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// Every kind of answer the fake Twilio gives: how to draw it, the status it has, and what the gateway makes of it
    /// (null: a receipt). Twilio's definition documents only the 201 of a created message; Prism checks a 201 against
    /// the message schema, and can only note that an error status is not in the definition.
    /// </summary>
    private static readonly Dictionary<string, (Action<FakeTwilio> Arrange, Func<FakeTwilio, TwilioOptions> Options, OutgoingSms Sms, int Status, Type? Failure)> Answers = new()
    {
        ["Messages: 201 through the Messaging Service"] = (_ => { }, t => Options(t), Sms(), 201, null),
        ["Messages: 201 from a number, valid for a while"] = (_ => { }, t => Options(t, useFromNumber: true), Sms() with { ValidFor = TimeSpan.FromMinutes(10) }, 201, null),
        ["Messages: 201 in Arabic, with an API key"] = (_ => { }, t => Options(t, useApiKey: true), Sms() with { Body = Arabic }, 201, null),
        ["Messages: 400 21610, opted out at Twilio"] = (t => t.OptOutAtTwilio("+33698765432"), t => Options(t), Sms() with { To = "+33698765432" }, 400, typeof(SmsRejectedException)),
        ["Messages: 429 scripted"] = (t => t.AnswerNext(FakeTwilioAnswer.TooManyRequests), t => Options(t), Sms(), 429, typeof(SmsUnavailableException)),
        ["Messages: 500 with Twilio's JSON"] = (t => t.AnswerNext(FakeTwilioAnswer.ServerError), t => Options(t), Sms(), 500, typeof(SmsUnavailableException)),
        ["Messages: 503 without JSON"] = (t => t.AnswerNext(FakeTwilioAnswer.Unavailable), t => Options(t), Sms(), 503, typeof(SmsUnavailableException)),
        ["Messages: 401 for a wrong auth token"] = (_ => { }, t => Options(t, authToken: "0123456789abcdef0123456789abcdef"), Sms(), 401, typeof(SmsUnavailableException)),
        ["Messages: 404 for another account"] = (_ => { }, t => Options(t, accountSid: "AC0123456789abcdef0123456789abcdef"), Sms(), 404, typeof(SmsUnavailableException)),
    };

    public static TheoryData<string> AnswerKinds => new(Answers.Keys);

    [Theory]
    [MemberData(nameof(AnswerKinds))]
    public async Task What_the_fake_twilio_answers_is_what_twilios_definition_says(string kind)
    {
        var (arrange, options, sms, status, failure) = Answers[kind];
        arrange(prism.Twilio);
        var verdicts = new PrismVerdicts();
        using var gateway = Gateway(options(prism.Twilio), prism.Proxy, verdicts);

        var sent = await Record.ExceptionAsync(() => gateway.SendAsync(sms, CancellationToken.None));

        var verdict = Assert.Single(verdicts.All);
        output.WriteLine(verdict.ToString());
        AssertAnswerConforms(verdict);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(failure, sent?.GetType());
    }

    [Fact]
    public async Task An_answer_over_the_rate_conforms_too()
    {
        var verdicts = new PrismVerdicts();
        using var gateway = Gateway(Options(prism.Twilio), prism.Proxy, verdicts);
        prism.Twilio.RateLimitPerSecond = 0.001;
        try
        {
            await gateway.SendAsync(Sms(), CancellationToken.None);
            await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.SendAsync(Sms(), CancellationToken.None));
        }
        finally
        {
            prism.Twilio.RateLimitPerSecond = null;
        }

        Assert.Equal([201, 429], verdicts.All.Select(v => v.Status));
        Assert.All(verdicts.All, AssertAnswerConforms);
    }

    [Fact]
    public async Task A_request_the_definition_forbids_does_not_reach_the_fake_twilio()
    {
        var verdicts = PrismVerdicts.OverSockets();
        using var http = new HttpClient(verdicts);
        using var request = MessagesRequest(prism.Proxy.BaseUrl, prism.Twilio, new() { ["Body"] = "Bonjour", ["MessagingServiceSid"] = prism.Twilio.MessagingServiceSid });
        var before = prism.Twilio.RequestCount;

        using var response = await http.SendAsync(request);

        Assert.False(Assert.Single(verdicts.All).Conforms);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, prism.Twilio.RequestCount);
    }

    [Fact]
    public async Task An_answer_the_definition_forbids_is_reported_as_a_violation()
    {
        var verdicts = new PrismVerdicts();
        using var gateway = Gateway(Options(prism.Twilio), prism.BrokenProxy, verdicts);

        await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.SendAsync(Sms(), CancellationToken.None));

        var verdict = Assert.Single(verdicts.All);
        output.WriteLine(verdict.ToString());
        Assert.Equal(500, verdict.Status);
        Assert.NotNull(verdict.PrismError);
        Assert.Equal(["response.body.num_segments", "response.body.sid", "response.body.status"],
            verdict.Violations.Where(v => v.Severity == "Error").Select(v => v.Location).Distinct().Order(StringComparer.Ordinal));
    }

    // A 201 must be free of any violation. An error status is outside the definition (it documents none), which Prism
    // says as a warning and then checks nothing more; anything else it says, or an answer of its own, is a failure.
    private void AssertAnswerConforms(PrismVerdict verdict)
    {
        var report = Report(verdict, prism.Proxy);
        Assert.True(verdict.PrismError is null, report);
        if (verdict.Status is >= 200 and < 300)
        {
            Assert.True(verdict.Conforms, report);
            return;
        }
        var undocumented = Assert.Single(verdict.Violations);
        Assert.True(undocumented is { Severity: "Warning", Location: "response" } && undocumented.Message.StartsWith("Unable to match the returned status code", StringComparison.Ordinal), report);
    }

    private static string Report(PrismVerdict verdict, PrismServer server) =>
        $"Prism's verdict: {verdict}{Environment.NewLine}Prism's log:{Environment.NewLine}{server.RecentOutput}";

    private static TwilioSmsGateway Gateway(TwilioOptions options, PrismServer through, PrismVerdicts verdicts)
    {
        options.ApiBaseUrl = through.BaseUrl;
        return new(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<TwilioSmsGateway>.Instance, verdicts);
    }

    private static TwilioVoiceGateway VoiceGateway(TwilioOptions options, PrismServer through, PrismVerdicts verdicts)
    {
        options.ApiBaseUrl = through.BaseUrl;
        return new(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<TwilioVoiceGateway>.Instance, verdicts);
    }

    private static OutgoingCall Call() =>
        new(To, VoiceCallbacks.PromptFor(PublicBaseUrl, "call-1"), VoiceCallbacks.StatusFor(PublicBaseUrl, "call-1"), TimeSpan.FromSeconds(45));

    // The fake's own settings; one attempt, so that each answer the test draws is the gateway's last word.
    private static TwilioOptions Options(
        FakeTwilio twilio, bool useApiKey = false, bool useFromNumber = false, string? authToken = null, string? accountSid = null, bool withVoice = false)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(twilio.Settings(PublicBaseUrl, useApiKey, useFromNumber, withVoice)).Build()
            .GetSection(TwilioOptions.SectionName).Get<TwilioOptions>()!;
        options.AuthToken = authToken ?? options.AuthToken;
        options.AccountSid = accountSid ?? options.AccountSid;
        options.Retry = new TwilioRetryOptions { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(10) };
        return options;
    }

    private static OutgoingSms Sms() =>
        new(To, "[URGENCE VITALE] Demande AR-2026-00042 à valider. Répondez OK 4821", SmsCallbacks.StatusCallbackFor(PublicBaseUrl, "sms-1"));

    private static HttpRequestMessage MessagesRequest(Uri prismUrl, FakeTwilio twilio, Dictionary<string, string> form) =>
        new(HttpMethod.Post, new Uri(prismUrl, $"/2010-04-01/Accounts/{twilio.AccountSid}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}"))) },
        };
}
