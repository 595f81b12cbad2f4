// Development environment. Replace the placeholder ids with your own before deploying
// (see docs/deploy.md); the Twilio auth token is never written here.
using '../main.bicep'

param environmentName = 'dev'

// Data residency: every resource stays in this region.
param location = 'francecentral'

// Application (client) id of the Entra app registration for this environment.
param authClientId = '00000000-0000-0000-0000-000000000000'

// Entra object id of the first platform administrator (az ad user show --id you@example.org --query id): created in the empty directory at first start.
param firstPlatformAdminObjectId = '00000000-0000-0000-0000-000000000000'

param twilioAccountSid = 'AC00000000000000000000000000000000'
param twilioMessagingServiceSid = 'MG00000000000000000000000000000000'
// The Messaging Service's rate (MPS, from the Twilio console): the app paces its sends to it. 0: not paced.
param twilioMessagesPerSecond = 0
// A voice-capable number of the account (E.164): life-safety notices ring from it after a round of SMS. Empty: SMS only.
param twilioVoiceFromNumber = ''

// Read from the shell of the person deploying; empty leaves the Key Vault secret as it is.
param twilioAuthToken = readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')

param storageSku = 'Standard_LRS'
param maximumInstanceCount = 10
param logRetentionInDays = 30
