// One storage account, reached only with Entra ID (no shared key): the Functions host's own
// state, the blob container Flex Consumption deploys the app package from, and the app's tables
// (the app creates those it lacks when it starts).

import { tagSet } from 'types.bicep'

@description('Name of the storage account (3 to 24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags tagSet

@description('Replication: ZRS keeps a copy in each availability zone of the region, LRS in one datacentre.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without virtual network integration reaches storage over its public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

@description('Name of the storage account.')
output name string = storage.name

@description('Blob endpoint, e.g. https://<account>.blob.core.windows.net/.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Table service URI without a trailing slash, e.g. https://<account>.table.core.windows.net.')
output tableServiceUri string = 'https://${storage.name}.table.${environment().suffixes.storage}'
