// The one identity the Function App runs as: every data access, Key Vault reference and
// telemetry upload is authorised through role assignments to it (see rbac.bicep), never by a key.

import { tagSet } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags tagSet

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity, attached to the Function App.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Object id of the identity\'s service principal, the subject of every role assignment.')
output principalId string = identity.properties.principalId

@description('Client id, which tells the Azure SDK and the Functions host which identity to use.')
output clientId string = identity.properties.clientId
