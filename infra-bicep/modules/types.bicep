// Shapes shared by main.bicep and its modules.

@export()
@description('Tags put on every resource: name to value.')
type tagSet = {
  *: string
}

@export()
@description('One queue of queues.json, the one description of every Service Bus queue the app uses.')
type queueDescription = {
  @description('Queue name, as the app sends to it.')
  name: string

  @description('What the queue carries; for people, not for Azure.')
  purpose: string

  @description('ISO 8601 duration a receiver holds a message before it is offered again.')
  lockDuration: string

  @description('Deliveries before a message goes to the dead-letter queue.')
  maxDeliveryCount: int

  @description('ISO 8601 duration in which a MessageId seen before is dropped.')
  duplicateDetectionHistoryTimeWindow: string

  @description('ISO 8601 duration a message lives before it expires.')
  defaultMessageTimeToLive: string

  @description('Whether an expired message goes to the dead-letter queue instead of vanishing.')
  deadLetteringOnMessageExpiration: bool
}
