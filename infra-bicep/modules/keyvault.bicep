// The vault that keeps the Twilio auth token (and, if used, the Entra client secret). Access is by
// Azure RBAC only; the app reads secrets through Key Vault references resolved with its identity.

import { tagSet } from 'types.bicep'

@description('Name of the vault (3 to 24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags tagSet

@description('Name of the secret holding the Twilio auth token.')
param twilioAuthTokenSecretName string

@secure()
@description('Twilio auth token. Empty leaves the secret as it is, so a redeployment never blanks it.')
param twilioAuthToken string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted vault or secret can be recovered for 90 days and cannot be purged before.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource twilioAuthTokenSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: twilioAuthTokenSecretName
  properties: {
    value: twilioAuthToken
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI, e.g. https://<vault>.vault.azure.net/.')
output vaultUri string = vault.properties.vaultUri
