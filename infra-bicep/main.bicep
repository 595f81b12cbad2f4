// Civil protection: cross-border requests for assistance, approvals, and SMS paging through Twilio.
// One Function App on Flex Consumption and what it needs, composed of one module per concern.
// Every name comes from environmentName and a token unique to the subscription, group and environment.

targetScope = 'resourceGroup'

metadata description = 'Infrastructure of the CivilProtection Function App. Deploy with: az deployment group create --resource-group <group> --parameters env/<environment>.bicepparam'

import { tagSet } from 'modules/types.bicep'

@description('Short environment name (lowercase letters, digits, hyphen), e.g. dev or prod; part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Region of every resource; choose it for data residency (e.g. francecentral).')
param location string = resourceGroup().location

@description('Tenant of the Microsoft Entra app registration people sign in with.')
param authTenantId string = tenant().tenantId

@description('Application (client) id of the Microsoft Entra app registration.')
@minLength(36)
@maxLength(36)
param authClientId string

@description('false: sign in without a client secret (the app registration issues ID tokens). true: App Service authentication reads the client secret from the app setting MICROSOFT_PROVIDER_AUTHENTICATION_SECRET, a Key Vault reference to the secret entra-auth-client-secret.')
param authUsesClientSecret bool = false

@description('Entra object id of the first platform administrator: at start-up the app adds them to the empty directory with the platform-admin role, if absent (CivilProtection:Directory:FirstPlatformAdmin). Everything else is then created through the pages.')
@minLength(36)
@maxLength(36)
param firstPlatformAdminObjectId string

@description('Twilio account SID (AC...).')
param twilioAccountSid string

@description('Twilio Messaging Service SID (MG...) the app sends through.')
param twilioMessagingServiceSid string

@description('E.164 voice-capable Twilio number that life-safety notices ring from once a round of SMS went unacknowledged (CivilProtection:Twilio:VoiceFromNumber). Empty: notices send SMS only.')
param twilioVoiceFromNumber string = ''

@description('Messages a second the Twilio Messaging Service may send (its MPS): the app paces its sends to it, pages first. Only the WorkflowPump timer sends SMS, and a timer runs on one instance at a time, so this is the whole rate, not a share per instance. 0: not paced.')
@minValue(0)
@maxValue(1000)
param twilioMessagesPerSecond int = 0

@secure()
@description('Twilio auth token, written to Key Vault. Empty: the secret is left as it is (set it once with az keyvault secret set).')
param twilioAuthToken string = ''

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_LRS'

@description('Most instances the Function App scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Function App instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var environmentLabel = toLower(environmentName)
var tags tagSet = {
  application: 'civil-protection'
  environment: environmentLabel
}

var names = {
  identity: 'id-civprot-${environmentLabel}-${resourceToken}'
  logAnalytics: 'log-civprot-${environmentLabel}-${resourceToken}'
  applicationInsights: 'appi-civprot-${environmentLabel}-${resourceToken}'
  storage: 'stcivprot${resourceToken}'
  serviceBus: 'sb-civprot-${environmentLabel}-${resourceToken}'
  keyVault: 'kv-civprot-${resourceToken}'
  plan: 'plan-civprot-${environmentLabel}-${resourceToken}'
  functionApp: 'func-civprot-${environmentLabel}-${resourceToken}'
}

var deploymentContainerName = 'app-package'
var twilioAuthTokenSecretName = 'twilio-auth-token'
var authClientSecretName = 'entra-auth-client-secret'
var authClientCredentialSettingName = authUsesClientSecret ? 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET' : ''

// Twilio calls these with its own signature, and the health probe is anonymous.
var unauthenticatedPaths = [
  '/api/sms/inbound'
  '/api/sms/status'
  '/api/voice/prompt'
  '/api/voice/gather'
  '/api/voice/status'
  '/api/health'
]

// The one description of the queues, shared with the app.
var queueDescription = loadJsonContent('queues.json')

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    queues: queueDescription.queues
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    twilioAuthTokenSecretName: twilioAuthTokenSecretName
    twilioAuthToken: twilioAuthToken
  }
}

// Resource names go to the modules below as the names computed here, not as module outputs, so
// what-if can predict every resource id; dependsOn gives the order the outputs would have given.
module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  dependsOn: [
    identity
    storage
    serviceBus
    keyVault
    monitoring
  ]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The roles first, so the host can reach storage and Key Vault when it first starts.
  dependsOn: [
    identity
    monitoring
    rbac
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    tableServiceUri: storage.outputs.tableServiceUri
    applicationInsightsName: names.applicationInsights
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    keyVaultUri: keyVault.outputs.vaultUri
    twilioAuthTokenSecretName: twilioAuthTokenSecretName
    twilioAccountSid: twilioAccountSid
    twilioMessagingServiceSid: twilioMessagingServiceSid
    twilioVoiceFromNumber: twilioVoiceFromNumber
    twilioMessagesPerSecond: twilioMessagesPerSecond
    firstPlatformAdminObjectId: firstPlatformAdminObjectId
    authClientCredentialSettingName: authClientCredentialSettingName
    authClientSecretName: authClientSecretName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module auth 'modules/auth.bicep' = {
  name: 'auth'
  dependsOn: [
    functionApp
  ]
  params: {
    siteName: names.functionApp
    tenantId: authTenantId
    clientId: authClientId
    clientCredentialSettingName: authClientCredentialSettingName
    unauthenticatedPaths: unauthenticatedPaths
  }
}

@description('Public URL of the app.')
output appUrl string = functionApp.outputs.url

@description('Paste into the Twilio Messaging Service: incoming messages webhook.')
output twilioInboundWebhookUrl string = '${functionApp.outputs.url}/api/sms/inbound'

@description('Paste into the Twilio Messaging Service: status callback URL.')
output twilioStatusCallbackUrl string = '${functionApp.outputs.url}/api/sms/status'

@description('Redirect URI to register on the Entra app registration (Web platform).')
output authRedirectUri string = '${functionApp.outputs.url}/.auth/login/aad/callback'

@description('Name of the Function App, for az functionapp deployment source config-zip.')
output functionAppName string = functionApp.outputs.name

@description('Name of the resource group deployed to.')
output resourceGroupName string = resourceGroup().name

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Service Bus namespace.')
output serviceBusNamespaceName string = serviceBus.outputs.name

@description('Name of the Key Vault, for az keyvault secret set.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the Key Vault secret holding the Twilio auth token.')
output twilioAuthTokenSecretName string = twilioAuthTokenSecretName

@description('Name of the Application Insights component.')
output applicationInsightsName string = monitoring.outputs.applicationInsightsName

@description('Client id of the app\'s managed identity.')
output managedIdentityClientId string = identity.outputs.clientId
