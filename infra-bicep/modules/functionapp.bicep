// The Function App on the Flex Consumption plan: .NET 10 isolated worker, HTTPS only, no FTP and no
// publishing passwords, running as the user-assigned identity for everything it touches.

import { tagSet } from 'types.bicep'

@description('Name of the Function App; also the first label of its default host name.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app.')
param tags tagSet

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the storage account for the host, the deployment package and the tables.')
param storageAccountName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Table endpoint of the storage account, without the trailing slash.')
param tableServiceUri string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Service Bus host name, e.g. <namespace>.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('URI of the Key Vault, with its trailing slash.')
param keyVaultUri string

@description('Name of the Key Vault secret holding the Twilio auth token.')
param twilioAuthTokenSecretName string

@description('Twilio account SID.')
param twilioAccountSid string

@description('SID of the Twilio Messaging Service the app sends through.')
param twilioMessagingServiceSid string

@description('E.164 voice-capable number notices ring from (CivilProtection:Twilio:VoiceFromNumber); empty: no calls.')
param twilioVoiceFromNumber string

@description('Messages a second the app hands to Twilio (CivilProtection:Twilio:MessagesPerSecond); 0: not paced.')
@minValue(0)
param twilioMessagesPerSecond int

@description('Entra object id of the first platform administrator, created in the directory at start-up if absent.')
param firstPlatformAdminObjectId string

@description('App setting App Service authentication reads the Entra client secret from; empty when signing in without a secret.')
param authClientCredentialSettingName string

@description('Name of the Key Vault secret holding the Entra client secret, used only when authClientCredentialSettingName is set.')
param authClientSecretName string

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in the app settings are resolved as this identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Publishing with a user name and password (FTP, or basic auth on the SCM site) is off:
// deployments authenticate with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

var keyVaultReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${twilioAuthTokenSecretName})'

var hostSettings = {
  // The Functions host keeps its leases and state in storage, reached as the identity.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
}

var applicationSettings = {
  CivilProtection__Tables__ServiceUri: tableServiceUri
  CivilProtection__ServiceBus__FullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  CivilProtection__Azure__ManagedIdentityClientId: identity.properties.clientId
  CivilProtection__Identity__TrustAppServiceAuthentication: 'true'
  CivilProtection__Directory__FirstPlatformAdmin: firstPlatformAdminObjectId
  CivilProtection__Twilio__AccountSid: twilioAccountSid
  CivilProtection__Twilio__AuthToken: keyVaultReference
  CivilProtection__Twilio__MessagingServiceSid: twilioMessagingServiceSid
  CivilProtection__Twilio__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
}

// Unset when 0: the app then sends without pacing (Polly still retries 429s).
var pacingSettings = twilioMessagesPerSecond > 0
  ? {
      CivilProtection__Twilio__MessagesPerSecond: '${twilioMessagesPerSecond}'
    }
  : {}

// Unset when empty: the app then places no calls (notices send SMS only).
var voiceSettings = empty(twilioVoiceFromNumber)
  ? {}
  : {
      CivilProtection__Twilio__VoiceFromNumber: twilioVoiceFromNumber
    }

var authSettings = empty(authClientCredentialSettingName)
  ? {}
  : {
      '${authClientCredentialSettingName}': '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${authClientSecretName})'
    }

// These are all the app's settings: a setting added by hand is removed by the next deployment.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(hostSettings, applicationSettings, pacingSettings, voiceSettings, authSettings)
}

@description('Name of the Function App.')
output name string = site.name

@description('Public URL of the app, e.g. https://<app>.azurewebsites.net.')
output url string = 'https://${site.properties.defaultHostName}'
