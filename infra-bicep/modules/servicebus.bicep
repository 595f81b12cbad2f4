// The Service Bus namespace and its queues, created from queues.json (passed in by main.bicep),
// so a queue the app starts using is created in Azure by the same edit.

import { queueDescription, tagSet } from 'types.bicep'

@description('Name of the Service Bus namespace.')
param name string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags tagSet

@description('Every queue the app uses, as queues.json describes them.')
param queues queueDescription[]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // No SAS keys: senders and receivers authenticate with Entra ID and need a Data Sender/Receiver role.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for q in queues: {
    parent: namespace
    name: q.name
    properties: {
      lockDuration: q.lockDuration
      maxDeliveryCount: q.maxDeliveryCount
      // The app sets a stable MessageId on every message, so a re-sent message is dropped here.
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: q.duplicateDetectionHistoryTimeWindow
      defaultMessageTimeToLive: q.defaultMessageTimeToLive
      deadLetteringOnMessageExpiration: q.deadLetteringOnMessageExpiration
    }
  }
]

@description('Name of the namespace.')
output name string = namespace.name

@description('Host name the Azure SDK connects to, e.g. <namespace>.servicebus.windows.net.')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]

@description('Names of the queues created.')
output queueNames string[] = [for (q, i) in queues: queue[i].name]
