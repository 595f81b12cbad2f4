// App Service authentication (Easy Auth) with Microsoft Entra ID in front of the whole app: a person
// must sign in before any page or API is reached, except the paths Twilio and probes call.

@description('Name of the Function App.')
param siteName string

@description('Tenant of the Entra app registration.')
param tenantId string

@description('Application (client) id of the Entra app registration.')
param clientId string

@description('App setting holding the client secret; empty to sign in without one.')
param clientCredentialSettingName string

@description('Paths that pass without sign-in: they authenticate their callers themselves.')
param unauthenticatedPaths string[]

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: siteName
}

resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      // Browsers are sent to the Entra sign-in page; see docs/deploy.md for what API callers get.
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: unauthenticatedPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
          clientId: clientId
          clientSecretSettingName: empty(clientCredentialSettingName) ? null : clientCredentialSettingName
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
            clientId
          ]
        }
      }
    }
    login: {
      // The app reads who is signed in from the X-MS-CLIENT-PRINCIPAL header; it keeps no provider tokens.
      tokenStore: {
        enabled: false
      }
    }
  }
}

