using CivilProtection.Application.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Configuration;

/// <summary>
/// Checks the public address links in SMS are built on (<c>CivilProtection:Notices:PublicBaseUrl</c>): an absolute
/// http(s) URL without query; in Azure an https address people can reach, never the local default.
/// </summary>
public sealed class NoticeOptionsValidation(IConfiguration configuration) : IValidateOptions<NoticeOptions>
{
    private const string Setting = NoticeOptions.SectionName + ":PublicBaseUrl";

    public ValidateOptionsResult Validate(string? name, NoticeOptions options)
    {
        var url = options.PublicBaseUrl;
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return ValidateOptionsResult.Fail($"{Setting} must be an absolute http(s) URL without query or fragment, e.g. https://cp.example.org.");
        }
        if (AzureHosting.IsBehindAppServiceAuthentication(configuration) && (url.Scheme != Uri.UriSchemeHttps || url.IsLoopback))
        {
            return ValidateOptionsResult.Fail(
                $"{Setting} is {url} but in Azure the links in SMS must reach the app: set it to the app's https address, e.g. https://<app>.azurewebsites.net.");
        }
        return ValidateOptionsResult.Success;
    }
}
