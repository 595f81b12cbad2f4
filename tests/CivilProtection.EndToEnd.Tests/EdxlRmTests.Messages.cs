using CivilProtection.Application.Interop;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>Messages as a partner's own system writes them, by hand, knowing only the standard and our MessageIDs.</summary>
public abstract partial class EdxlRmTests<THost>
{
    private const string Namespaces = """xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg" xmlns:rm="urn:oasis:names:tc:emergency:EDXL:RM:1.0" xmlns:xpil="urn:oasis:names:tc:ciq:xpil:3" xmlns:xnl="urn:oasis:names:tc:ciq:xnl:3" """;

    /// <summary>Portugal's system offers <paramref name="quantity"/> boats against the request's second line.</summary>
    private static string Response(string messageId, string requestId, int quantity) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <ResponseToRequestResource {Namespaces}>
          <MessageID>{messageId}</MessageID>
          <SentDateTime>{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</SentDateTime>
          <MessageContentType>ResponseToRequestResource</MessageContentType>
          <OriginatingMessageID>{EdxlRmMessageIds.Request(requestId)}</OriginatingMessageID>
          <PrecedingMessageID>{EdxlRmMessageIds.Request(requestId)}</PrecedingMessageID>
          <ContactInformation>
            <rm:ContactRole>RespondingOrg</rm:ContactRole>
            <rm:AdditionalContactInformation>
              <xpil:PartyName><xnl:PersonName><xnl:NameElement>João</xnl:NameElement><xnl:NameElement>Silva</xnl:NameElement></xnl:PersonName></xpil:PartyName>
              <xpil:ContactNumbers><xpil:ContactNumber><xpil:ContactNumberElement>+351912345678</xpil:ContactNumberElement></xpil:ContactNumber></xpil:ContactNumbers>
              <xpil:ElectronicAddressIdentifiers><xpil:ElectronicAddressIdentifier>j.silva@prociv.pt</xpil:ElectronicAddressIdentifier></xpil:ElectronicAddressIdentifiers>
            </rm:AdditionalContactInformation>
          </ContactInformation>
          <ResourceInformation>
            <ResourceInfoElementID>pt-1</ResourceInfoElementID>
            <ResponseInformation><rm:PrecedingResourceInfoElementID>line-2</rm:PrecedingResourceInfoElementID><rm:ResponseType>Accept</rm:ResponseType></ResponseInformation>
            <Resource><Keyword><rm:ValueListURN>{EdxlRmValueLists.SelfSufficient}</rm:ValueListURN><rm:Value>true</rm:Value></Keyword></Resource>
            <AssignmentInformation><Quantity><rm:MeasuredQuantity><rm:Amount>{quantity}</rm:Amount></rm:MeasuredQuantity></Quantity></AssignmentInformation>
            <ScheduleInformation><ScheduleType>EstimatedArrival</ScheduleType><DateTime>{DateTimeOffset.UtcNow.AddHours(20):yyyy-MM-ddTHH:mm:ssZ}</DateTime></ScheduleInformation>
            <ScheduleInformation><ScheduleType>EndAvailable</ScheduleType><DateTime>{DateTimeOffset.UtcNow.AddHours(20).AddDays(7):yyyy-MM-ddTHH:mm:ssZ}</DateTime></ScheduleInformation>
          </ResourceInformation>
        </ResponseToRequestResource>
        """;

    /// <summary>Morocco's system commits <paramref name="accepted"/> of the first line of the offer <paramref name="offerMessageId"/>.</summary>
    private static string Commit(string messageId, string requestId, string offerMessageId, string offerId, int accepted) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <CommitResource {Namespaces}>
          <MessageID>{messageId}</MessageID>
          <SentDateTime>{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</SentDateTime>
          <MessageContentType>CommitResource</MessageContentType>
          <OriginatingMessageID>{EdxlRmMessageIds.Request(requestId)}</OriginatingMessageID>
          <PrecedingMessageID>{offerMessageId}</PrecedingMessageID>
          <ContactInformation><rm:ContactRole>Requester</rm:ContactRole></ContactInformation>
          <ResourceInformation>
            <ResourceInfoElementID>ma-1</ResourceInfoElementID>
            <ResponseInformation><rm:PrecedingResourceInfoElementID>{offerId}-line-1</rm:PrecedingResourceInfoElementID><rm:ResponseType>Accept</rm:ResponseType></ResponseInformation>
            <AssignmentInformation><Quantity><rm:MeasuredQuantity><rm:Amount>{accepted}</rm:Amount></rm:MeasuredQuantity></Quantity></AssignmentInformation>
          </ResourceInformation>
        </CommitResource>
        """;

    /// <summary>
    /// Portugal's system reports its deployment's status, following <paramref name="preceding"/> (the commitment): by our
    /// value list when <paramref name="status"/> is given, else only by the standard's schedule words in <paramref name="schedules"/>.
    /// </summary>
    private static string StatusReport(string messageId, string requestId, string preceding, string? status, string? comment, string schedules) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <ReportResourceDeploymentStatus {Namespaces}>
          <MessageID>{messageId}</MessageID>
          <SentDateTime>{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</SentDateTime>
          <MessageContentType>ReportResourceDeploymentStatus</MessageContentType>
          {(comment is null ? "" : $"<MessageDescription>{comment}</MessageDescription>")}
          <OriginatingMessageID>{EdxlRmMessageIds.Request(requestId)}</OriginatingMessageID>
          <PrecedingMessageID>{preceding}</PrecedingMessageID>
          <ContactInformation><rm:ContactRole>RespondingOrg</rm:ContactRole></ContactInformation>
          <ResourceInformation>
            <ResourceInfoElementID>pt-1</ResourceInfoElementID>
            <Resource><Name>Bombagem de alta capacidade</Name>{(status is null ? "" : $"<ResourceStatus><DeploymentStatus><rm:ValueListURN>{EdxlRmValueLists.DeploymentStatus}</rm:ValueListURN><rm:Value>{status}</rm:Value></DeploymentStatus></ResourceStatus>")}</Resource>
            {schedules}
          </ResourceInformation>
        </ReportResourceDeploymentStatus>
        """;

    /// <summary>Morocco's system releases the teams whose commitment is <paramref name="preceding"/>.</summary>
    private static string Release(string messageId, string requestId, string preceding, string comment) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <ReleaseResource {Namespaces}>
          <MessageID>{messageId}</MessageID>
          <SentDateTime>{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</SentDateTime>
          <MessageContentType>ReleaseResource</MessageContentType>
          <MessageDescription>{comment}</MessageDescription>
          <OriginatingMessageID>{EdxlRmMessageIds.Request(requestId)}</OriginatingMessageID>
          <PrecedingMessageID>{preceding}</PrecedingMessageID>
          <ContactInformation><rm:ContactRole>Requester</rm:ContactRole></ContactInformation>
          <ResourceInformation><ResourceInfoElementID>ma-1</ResourceInfoElementID><Resource/></ResourceInformation>
        </ReleaseResource>
        """;
}
