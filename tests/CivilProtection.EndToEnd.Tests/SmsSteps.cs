using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>What the SMS tests do through the fake Twilio: reply as a person, wait for the SMS a person got, wait for a request's view to show something.</summary>
public sealed class SmsSteps(FakeTwilio twilio, TestHost host)
{
    public async Task ReplyAsync(Person from, string body)
    {
        using var reply = await twilio.SendInboundAsync(host.BaseAddress, host.BaseAddress, from.Mobile, body);
        await Api.ExpectAsync(reply, HttpStatusCode.OK);
    }

    /// <summary>Waits for the <paramref name="nth"/> SMS Twilio received for this person about this request.</summary>
    public async Task<FakeTwilioMessage> SmsToAsync(Person person, string reference, int nth = 1)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var messages = twilio.Messages.Where(m => m.To == person.Mobile).ToList();
            var about = messages.Where(m => m.Body.Contains(reference, StringComparison.Ordinal)).ToList();
            if (about.Count >= nth)
            {
                return about[nth - 1];
            }
            if (messages.Count >= nth && nth > 1)
            {
                return messages[nth - 1];
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No SMS #{nth} to {person.Name} about {reference}; Twilio received: {string.Join(" | ", twilio.Messages.Select(m => m.To + ": " + m.Body))}");
    }

    /// <summary>Waits for an SMS Twilio received for this person about this request that says <paramref name="saying"/>.</summary>
    public async Task<FakeTwilioMessage> SmsToAsync(Person person, string reference, string saying)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (twilio.Messages.FirstOrDefault(m => m.To == person.Mobile && m.Body.Contains(reference, StringComparison.Ordinal)
                && m.Body.Contains(saying, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No SMS to {person.Name} about {reference} saying \"{saying}\"; Twilio received: {string.Join(" | ", twilio.Messages.Select(m => m.To + ": " + m.Body))}");
    }

    public async Task<JsonObject> WaitForAsync(string id, string user, Func<JsonObject, JsonNode?> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var client = host.ClientFor(user);
        while (true)
        {
            var view = await client.GetRequestAsync(id);
            if (until(view) is JsonObject found)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Request {id} never reached the expected state: {view.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }
}
