using CivilProtection.Application.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>Registers SMS: Twilio when credentials are configured, the sandbox in Development without them.</summary>
public static class SmsComposition
{
    /// <summary>
    /// Binds and validates <c>CivilProtection:Twilio</c> at start (a bad setting stops the app, named), and registers
    /// <see cref="ISmsGateway"/>, <see cref="IWebhookSignatures"/>, <see cref="SmsWebhookUrls"/>,
    /// <see cref="SmsTemplates"/> and <see cref="ISmsTexts"/> (<see cref="TemplatedSmsTexts"/>); in sandbox mode also
    /// <see cref="ISmsSandbox"/>. Outside Development without credentials the app fails at start. The sandbox keeps its
    /// messages in <c>StateTables.Sandbox</c>, registered by <c>AddCivilProtection</c>.
    /// </summary>
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(TwilioOptions.SectionName);
        services.AddOptions<TwilioOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>>(new TwilioOptionsValidation(environment));
        services.AddOptions<SmsTextOptions>().Configure<IOptions<TwilioOptions>>((text, twilio) => text.MaxSegments = twilio.Value.MaxSegments);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SmsTemplates>();
        services.TryAddSingleton<ISmsTexts, TemplatedSmsTexts>();
        services.AddSingleton(sp => new SmsWebhookUrls(Twilio(sp).PublicBaseUrl));

        if (UsesSandbox(section, environment))
        {
            services.AddOptions<SmsSandboxOptions>().Bind(configuration.GetSection(SmsSandboxOptions.SectionName));
            services.AddSingleton<SandboxCredentials>();
            services.AddSingleton<SandboxStore>();
            services.AddSingleton<SandboxWebhookClient>();
            services.AddSingleton<SandboxSmsGateway>();
            services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<SandboxSmsGateway>());
            services.AddSingleton<SandboxCalls>();
            services.AddSingleton<Application.Voice.IVoiceGateway, SandboxVoiceGateway>();
            services.AddSingleton<ISmsSandbox, SmsSandbox>();
            services.AddSingleton<IWebhookSignatures>(sp => new TwilioWebhookSignatures(sp.GetRequiredService<SandboxCredentials>().AuthToken));
        }
        else
        {
            // Without credentials outside Development, validation on start stops the app before anything is sent.
            services.AddSingleton<TwilioSmsGateway>();
            services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<TwilioSmsGateway>());
            services.AddSingleton<Application.Voice.IVoiceGateway, TwilioVoiceGateway>();
            services.AddSingleton<IWebhookSignatures>(sp => new TwilioWebhookSignatures(Twilio(sp).AuthToken ?? "", Twilio(sp).WebhookSharedKeySecret));
        }
        return services;
    }

    /// <summary>The sandbox stands in for Twilio only in Development, and only when no credential at all is configured.</summary>
    private static bool UsesSandbox(IConfigurationSection section, IHostEnvironment environment) =>
        environment.IsDevelopment()
        && new[] { "AccountSid", "AuthToken", "ApiKeySid", "ApiKeySecret" }.All(key => string.IsNullOrEmpty(section[key]));

    private static TwilioOptions Twilio(IServiceProvider sp) => sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
}
