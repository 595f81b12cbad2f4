using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Api.Sms;
using CivilProtection.Api.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CivilProtection.Api;

/// <summary>Registers the HTTP side, and maps its routes for the local host (the Functions app has one function per route instead).</summary>
public static class ApiComposition
{
    public static IServiceCollection AddCivilProtectionApi(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton<Callers>();
        if (environment.IsDevelopment())
        {
            services.AddSingleton<ICallerSource, DevelopmentSignIn>();
        }
        // Believed only with CivilProtection:Identity:TrustAppServiceAuthentication, which Development refuses.
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidation>();
        services.AddSingleton<ICallerSource, AppServiceAuthentication>();
        services.AddProblemDetails();
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, NoSniffStartupFilter>();
        CompressionStartupFilter.AddTo(services);
        AddApiJson(services);
        services.AddSingleton(new Description.HostServiceTypes(services));
        services.AddSingleton<Description.OpenApiDocumentSource>();
        services.AddSingleton<ContentSecurityPolicy>();
        return services;
    }

    /// <summary>The JSON the handlers answer in (the same for the OpenAPI description of them).</summary>
    internal static void AddApiJson(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = ApiJson.Options.NumberHandling;
            foreach (var converter in ApiJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });

    /// <summary>The routes, the same as the Functions app's (see <c>docs/api.md</c>).</summary>
    public static IEndpointRouteBuilder MapCivilProtectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/requests", RequestsApi.File);
        api.MapGet("/requests", RequestsApi.List);
        api.MapGet("/requests/{id}", RequestsApi.Get);
        api.MapPost("/requests/{id}/decisions", RequestsApi.Decide);
        api.MapPost("/requests/{id}/resubmission", RequestsApi.Resubmit);
        api.MapPost("/requests/{id}/offers", OffersApi.Prepare);
        api.MapGet("/requests/{id}/offers", OffersApi.Export);
        api.MapPost("/requests/{id}/offers/{offerId}/approvals", OffersApi.DecideStage);
        api.MapPost("/requests/{id}/offers/{offerId}/decision", OffersApi.Decide);
        api.MapPost("/requests/{id}/offers/{offerId}/withdrawal", OffersApi.Withdraw);
        api.MapPost("/requests/{id}/offers/{offerId}/question", OffersApi.Ask);
        api.MapPost("/requests/{id}/offers/{offerId}/answer", OffersApi.Answer);
        api.MapPost("/requests/{id}/declination", OffersApi.DeclineToOffer);
        api.MapPost("/requests/{id}/amendment", OffersApi.Amend);
        api.MapPost("/requests/{id}/closure-to-offers", OffersApi.CloseToOffers);
        api.MapPost("/requests/{id}/cancellation", RequestsApi.Cancel);
        api.MapGet("/approvals", RequestsApi.Inbox);
        api.MapGet("/work", WorkApi.Get);
        api.MapGet("/requests/{id}/edxl-rm", EdxlRmApi.Export);
        api.MapPost("/edxl-rm/messages", EdxlRmApi.Import);
        api.MapGet("/edxl-rm/value-list", EdxlRmApi.ValueList);
        api.MapPost("/requests/{id}/notices/{noticeId}/acknowledgement", DispatchApi.Acknowledge);
        api.MapGet("/requests/{id}/dispatch/candidates", DispatchApi.Candidates);
        api.MapPost("/requests/{id}/dispatch", DispatchApi.Dispatch);
        api.MapPost("/requests/{id}/closure", DispatchApi.Close);
        api.MapGet("/requests/{id}/deployments", DeploymentsApi.ForRequest);
        api.MapPost("/requests/{id}/deployments/{authorityId}/reports", DeploymentsApi.Report);
        api.MapPost("/requests/{id}/deployments/{authorityId}/extension", DeploymentsApi.Extend);
        api.MapPost("/requests/{id}/deployments/{authorityId}/extension/decision", DeploymentsApi.DecideExtension);
        api.MapPost("/requests/{id}/deployments/{authorityId}/release", DeploymentsApi.Release);
        api.MapPost("/requests/{id}/after-action", DeploymentsApi.NoteAfterAction);
        api.MapGet("/deployments", DeploymentsApi.ForAuthority);
        api.MapGet("/deployments/personnel", DeploymentsApi.Personnel);
        api.MapGet("/requests/{id}/claims", ClaimsApi.ForRequest);
        api.MapPost("/requests/{id}/claims", ClaimsApi.Submit);
        api.MapPut("/requests/{id}/claims/{authorityId}", ClaimsApi.Revise);
        api.MapPost("/requests/{id}/claims/{authorityId}/review", ClaimsApi.Review);
        api.MapPost("/requests/{id}/claims/{authorityId}/payment", ClaimsApi.RecordPayment);
        api.MapGet("/claims/totals", ClaimsApi.Totals);
        api.MapGet("/claims/lines", ClaimsApi.Lines);
        api.MapGet("/situation", SituationApi.Get);
        api.MapGet("/me", ReferenceApi.Me);
        api.MapPut("/me/language", ReferenceApi.ChangeMyLanguage);
        api.MapGet("/authorities", ReferenceApi.Authorities);
        api.MapGet("/catalogue", CatalogueApi.Get);
        api.MapPut("/catalogue/compositions/{code}", CatalogueApi.SaveComposition);
        api.MapPut("/catalogue/national-types/{slug}", CatalogueApi.SaveNationalType);
        api.MapGet("/health", ReferenceApi.Health);
        api.MapGet("/dead-letters", DeadLettersApi.List);
        api.MapPost("/dead-letters/{queue}/{sequenceNumber}/replay", DeadLettersApi.Replay);
        api.MapPost("/dead-letters/{queue}/{sequenceNumber}/discard", DeadLettersApi.Discard);
        api.MapGet("/dev/users", DevelopmentSignInApi.Users);
        api.MapPost("/dev/sign-in", DevelopmentSignInApi.SignIn);
        api.MapPost("/dev/sign-out", DevelopmentSignInApi.SignOut);
        app.MapGet("/openapi/{documentName}.json", Description.OpenApiApi.Document);
        app.MapSmsWebhooks();
        app.MapRostersApi();
        app.MapDirectoryApi();
        app.MapGet("/{*path}", WebFiles.Serve).ExcludeFromDescription();
        return app;
    }
}
