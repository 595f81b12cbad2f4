using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CivilProtection.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>The fake refuses what Twilio would refuse, so a test that sees no violation proves the app's requests are right.</summary>
public sealed class FakeTwilioTests : IAsyncLifetime
{
    private FakeTwilio _twilio = null!;
    private static readonly HttpClient Http = new();

    public async Task InitializeAsync() => _twilio = await FakeTwilio.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, string? accountSid = null, string? user = null, string? password = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_twilio.BaseUrl, $"/2010-04-01/Accounts/{accountSid ?? _twilio.AccountSid}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user ?? _twilio.AccountSid}:{password ?? _twilio.AuthToken}")));
        return Http.SendAsync(request);
    }

    private Dictionary<string, string> Valid(string smsId = "s1") => new()
    {
        ["To"] = "+33612345678",
        ["MessagingServiceSid"] = _twilio.MessagingServiceSid,
        ["Body"] = "OK 4821",
        ["StatusCallback"] = $"https://cp.example.org/api/sms/status?sms={smsId}",
    };

    [Fact]
    public async Task A_valid_request_is_accepted_and_recorded()
    {
        using var response = await PostAsync(Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"sid\":\"SM", await response.Content.ReadAsStringAsync());
        Assert.Single(_twilio.Messages);
        Assert.Empty(_twilio.Violations);
    }

    public static TheoryData<string, string?, string> BadRequests => new()
    {
        { "To", "0612345678", "E.164" },
        { "Body", "", "Body" },
        { "StatusCallback", "/api/sms/status?sms=s1", "StatusCallback" },
        { "MessagingServiceSid", null, "neither MessagingServiceSid nor From" },
        { "MessagingServiceSid", "MG00000000000000000000000000000000", "not this account's" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_request_twilio_would_refuse_is_answered_400_and_recorded_as_a_violation(string field, string? value, string why)
    {
        var form = Valid();
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        using var response = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(why, Assert.Single(_twilio.Violations));
        Assert.Empty(_twilio.Messages);
    }

    [Fact]
    public async Task Wrong_credentials_or_another_account_are_refused()
    {
        using var wrongToken = await PostAsync(Valid(), password: "nope");
        using var otherAccount = await PostAsync(Valid(), accountSid: "AC00000000000000000000000000000000");
        using var apiKey = await PostAsync(Valid(), user: _twilio.ApiKeySid, password: _twilio.ApiKeySecret);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.Created, apiKey.StatusCode);
        Assert.Equal(2, _twilio.Violations.Count);
    }

    [Fact]
    public async Task Beyond_the_allowed_rate_requests_are_answered_429()
    {
        _twilio.RateLimitPerSecond = 1;

        var created = 0;
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostAsync(Valid($"s{i}"));
            created += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
        }

        // One token to start with, one more a second: unless this machine stalls for a second, only the first passes.
        Assert.InRange(created, 1, 2);
        Assert.Equal(4 - created, _twilio.RateLimitedCount);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task The_same_sms_accepted_twice_counts_as_a_duplicate()
    {
        (await PostAsync(Valid("s1"))).Dispose();
        (await PostAsync(Valid("s1"))).Dispose();
        (await PostAsync(Valid("s2"))).Dispose();

        Assert.Equal(1, _twilio.Duplicates);
    }
}
