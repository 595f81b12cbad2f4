using Microsoft.Azure.Amqp;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>The <c>$cbs</c> node: the SDK puts a token for each entity before attaching to it. The double accepts any token, unless told to refuse.</summary>
internal sealed class CbsNode(ServiceBusDoubleFaults faults)
{
    public AmqpMessage Handle(AmqpMessage request)
    {
        var operation = request.ApplicationProperties?.Map[RequestNames.Operation] as string;
        var (status, description) = operation switch
        {
            RequestNames.PutToken when faults.TakePutTokenRefusal() => (401, "Unauthorized: the token was refused (a fault the test asked the double for)."),
            RequestNames.PutToken => (202, "Accepted"),
            _ => (400, $"Unknown $cbs operation '{operation}'."),
        };

        var response = AmqpMessage.Create();
        response.ApplicationProperties.Map[RequestNames.CbsStatusCode] = status;
        response.ApplicationProperties.Map[RequestNames.CbsStatusDescription] = description;
        return response;
    }
}
