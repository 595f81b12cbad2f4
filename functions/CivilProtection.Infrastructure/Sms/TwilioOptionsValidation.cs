using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Checks <c>CivilProtection:Twilio</c> at start, naming every bad setting, so a typo stops the app at once rather
/// than the first page of a crisis. Secret values are never echoed.
/// </summary>
public sealed class TwilioOptionsValidation(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    private const string Section = TwilioOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var errors = new List<string>();
        if (options.HasCredentials)
        {
            CheckCredentials(options, errors);
            CheckSender(options, errors);
            if (options.PublicBaseUrl is null)
            {
                errors.Add($"{Section}:PublicBaseUrl is required with Twilio: status callbacks are built on it and webhook signatures checked against it.");
            }
        }
        else if (!environment.IsDevelopment())
        {
            errors.Add($"No Twilio credentials are configured ({Section}:AccountSid and {Section}:AuthToken, in Azure as Key Vault references). "
                + "The SMS sandbox replaces Twilio only in Development.");
        }
        CheckUrls(options, errors);
        CheckLimits(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCredentials(TwilioOptions o, List<string> errors)
    {
        if (!TwilioSids.IsSid(o.AccountSid, "AC"))
        {
            errors.Add($"{Section}:AccountSid must be AC followed by 32 hexadecimal digits.");
        }
        if (string.IsNullOrWhiteSpace(o.AuthToken))
        {
            errors.Add($"{Section}:AuthToken is required: Twilio signs webhooks with it, even when REST calls use an API key.");
        }
        if (!string.IsNullOrEmpty(o.ApiKeySid) || !string.IsNullOrEmpty(o.ApiKeySecret))
        {
            if (!TwilioSids.IsSid(o.ApiKeySid, "SK"))
            {
                errors.Add($"{Section}:ApiKeySid must be SK followed by 32 hexadecimal digits when an API key is used.");
            }
            if (string.IsNullOrWhiteSpace(o.ApiKeySecret))
            {
                errors.Add($"{Section}:ApiKeySecret is required with {Section}:ApiKeySid.");
            }
        }
    }

    private static void CheckSender(TwilioOptions o, List<string> errors)
    {
        if (string.IsNullOrEmpty(o.MessagingServiceSid) && string.IsNullOrEmpty(o.FromNumber))
        {
            errors.Add($"Set {Section}:MessagingServiceSid (recommended) or {Section}:FromNumber: SMS need a sender.");
        }
        if (!string.IsNullOrEmpty(o.MessagingServiceSid) && !TwilioSids.IsSid(o.MessagingServiceSid, "MG"))
        {
            errors.Add($"{Section}:MessagingServiceSid must be MG followed by 32 hexadecimal digits.");
        }
        if (!string.IsNullOrEmpty(o.FromNumber) && !TwilioSids.E164().IsMatch(o.FromNumber) && !TwilioSids.AlphanumericSender().IsMatch(o.FromNumber))
        {
            errors.Add($"{Section}:FromNumber must be an E.164 number (+33612345678) or an alphanumeric sender id of at most 11 characters.");
        }
        if (!string.IsNullOrEmpty(o.VoiceFromNumber) && !TwilioSids.E164().IsMatch(o.VoiceFromNumber))
        {
            errors.Add($"{Section}:VoiceFromNumber must be an E.164 number (+33612345678) of the account, able to place calls.");
        }
    }

    private void CheckUrls(TwilioOptions o, List<string> errors)
    {
        if (o.PublicBaseUrl is { } publicUrl)
        {
            if (!IsHttpUrl(publicUrl) || !string.IsNullOrEmpty(publicUrl.Query) || !string.IsNullOrEmpty(publicUrl.Fragment))
            {
                errors.Add($"{Section}:PublicBaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://cp.example.org.");
            }
            else if (publicUrl.Scheme != Uri.UriSchemeHttps && !publicUrl.IsLoopback && !environment.IsDevelopment())
            {
                errors.Add($"{Section}:PublicBaseUrl must use https outside Development: Twilio's webhooks carry people's numbers and replies.");
            }
        }
        if (o.ApiBaseUrl is { } apiUrl && !IsHttpUrl(apiUrl))
        {
            errors.Add($"{Section}:ApiBaseUrl must be an absolute http(s) URL (it is meant for tests only).");
        }
    }

    private static void CheckLimits(TwilioOptions o, List<string> errors)
    {
        if (o.MaxSegments is < 1 or > 10)
        {
            errors.Add($"{Section}:MaxSegments must be between 1 and 10.");
        }
        if (o.MessagesPerSecond is { } rate && !(rate >= TwilioSendPacer.MinRate && rate <= TwilioSendPacer.MaxRate))
        {
            errors.Add(FormattableString.Invariant(
                $"{Section}:MessagesPerSecond must be between {TwilioSendPacer.MinRate} and {TwilioSendPacer.MaxRate} (the account's allowed rate), or unset for no pacing."));
        }
        var retry = o.Retry;
        if (retry.MaxAttempts is < 1 or > TwilioRetryOptions.MaxMaxAttempts)
        {
            errors.Add($"{Section}:Retry:MaxAttempts must be between 1 (no retry) and {TwilioRetryOptions.MaxMaxAttempts}.");
        }
        if (retry.BaseDelay <= TimeSpan.Zero || retry.BaseDelay > TwilioRetryOptions.LongestBaseDelay)
        {
            errors.Add($"{Section}:Retry:BaseDelay must be a positive duration of at most {TwilioRetryOptions.LongestBaseDelay:c}.");
        }
        if (retry.MaxDelay < retry.BaseDelay || retry.MaxDelay > TwilioRetryOptions.LongestMaxDelay)
        {
            errors.Add($"{Section}:Retry:MaxDelay must be at least {Section}:Retry:BaseDelay and at most {TwilioRetryOptions.LongestMaxDelay:c}: a page retried later than that is better escalated.");
        }
        if (retry.AttemptTimeout < TwilioRetryOptions.ShortestAttemptTimeout || retry.AttemptTimeout > TwilioRetryOptions.LongestAttemptTimeout)
        {
            errors.Add($"{Section}:Retry:AttemptTimeout must be from {TwilioRetryOptions.ShortestAttemptTimeout:c} to {TwilioRetryOptions.LongestAttemptTimeout:c}.");
        }
    }

    private static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
