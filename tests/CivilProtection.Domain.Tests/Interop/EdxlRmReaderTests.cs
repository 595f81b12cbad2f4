using System.Text;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Interop;
using CivilProtection.Application.Problems;

namespace CivilProtection.Domain.Tests.Interop;

/// <summary>Hand-written messages a partner's system might send: invalid ones are refused naming the element, hostile XML before it is read.</summary>
public sealed class EdxlRmReaderTests
{
    private const string Msg = "urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg";
    private const string Rm = "urn:oasis:names:tc:emergency:EDXL:RM:1.0";

    [Fact]
    public void A_message_without_its_MessageID_is_refused_naming_the_element_found_in_its_place_with_line_and_position()
    {
        var xml = Request(messageId: "", quantity: "2", role: "Requester");

        var refused = Assert.Throws<FormRejectedException>(() => EdxlRmReader.ReadValid(Encoding.UTF8.GetBytes(xml), Standards.EdxlRm));

        var (element, messages) = Assert.Single(refused.Errors);
        Assert.Equal("RequestResource/SentDateTime", element);
        var error = messages.Single();
        Assert.Equal((FieldErrorCode.InvalidXml, "4", "4"), (error.Code, error.Arguments["line"], error.Arguments["position"]));
        Assert.Contains("MessageID", error.Arguments["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_quantity_that_is_not_a_number_is_refused_naming_its_element()
    {
        var xml = Request(messageId: "<MessageID>urn:partner:1</MessageID>", quantity: "two", role: "Requester");

        var refused = Assert.Throws<FormRejectedException>(() => EdxlRmReader.ReadValid(Encoding.UTF8.GetBytes(xml), Standards.EdxlRm));

        var (element, messages) = Assert.Single(refused.Errors);
        Assert.Equal("RequestResource/ResourceInformation/AssignmentInformation/Quantity/MeasuredQuantity/Amount", element);
        Assert.Matches(@"^Line \d+, position \d+: .*two", ProblemMessages.Field(messages.Single(), "en"));
    }

    [Fact]
    public void A_contact_role_the_standard_does_not_list_is_refused_naming_it()
    {
        var xml = Request(messageId: "<MessageID>urn:partner:1</MessageID>", quantity: "2", role: "Boss");

        var refused = Assert.Throws<FormRejectedException>(() => EdxlRmReader.ReadValid(Encoding.UTF8.GetBytes(xml), Standards.EdxlRm));

        Assert.Equal("RequestResource/ContactInformation/ContactRole", Assert.Single(refused.Errors).Key);
    }

    [Fact]
    public void A_hand_written_valid_request_passes()
    {
        var document = EdxlRmReader.ReadValid(Encoding.UTF8.GetBytes(Request("<MessageID>urn:partner:1</MessageID>", "2", "Requester")), Standards.EdxlRm);

        Assert.Equal("RequestResource", document.Root!.Name.LocalName);
    }

    [Fact]
    public void A_document_that_is_no_EDXL_RM_message_is_refused()
    {
        var refused = Assert.Throws<FormRejectedException>(() => EdxlRmReader.ReadValid("<Order xmlns=\"urn:shop\"/>"u8, Standards.EdxlRm));

        Assert.Contains("Order", refused.Errors.Keys);
    }

    [Fact]
    public void Entity_expansion_is_refused_before_any_entity_is_expanded()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg"><MessageID>&lol3;</MessageID></RequestResource>
            """;

        var refused = Assert.Throws<XmlRefusedException>(() => EdxlRmReader.Parse(Encoding.UTF8.GetBytes(bomb)));

        Assert.Equal((400, RefusalCode.DtdRefused), (refused.Status, refused.Refusal.Code));
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var external = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg"><MessageID>&secret;</MessageID></RequestResource>
            """;

        var refused = Assert.Throws<XmlRefusedException>(() => EdxlRmReader.Parse(Encoding.UTF8.GetBytes(external)));

        Assert.Equal(400, refused.Status);
        Assert.DoesNotContain("root:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DTD_the_byte_check_cannot_see_is_still_refused_by_the_parser()
    {
        // UTF-16: "<!DOCTYPE" is not there as ASCII bytes, so only the parser's prohibition stands between it and the entities.
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-16\"?><!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>")).ToArray();

        var refused = Assert.Throws<XmlRefusedException>(() => EdxlRmReader.Parse(utf16));

        Assert.Equal((400, RefusalCode.MalformedXml), (refused.Status, refused.Refusal.Code));
        Assert.Contains("DTD", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_even_where_the_schema_allows_any_content()
    {
        // TypeInfo takes any element, unchecked: only the reader's depth limit stops a deep tree there.
        var deep = string.Concat(Enumerable.Repeat("<x>", 200)) + string.Concat(Enumerable.Repeat("</x>", 200));
        var xml = Request("<MessageID>urn:partner:1</MessageID>", "2", "Requester").Replace("<Name>", $"<TypeInfo>{deep}</TypeInfo><Name>", StringComparison.Ordinal);

        var refused = Assert.Throws<XmlRefusedException>(() => EdxlRmReader.Parse(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal((400, RefusalCode.NestedTooDeeply), (refused.Status, refused.Refusal.Code));
    }

    [Fact]
    public void An_oversized_message_is_refused_with_413()
    {
        var huge = Encoding.UTF8.GetBytes(Request("<MessageID>urn:partner:1</MessageID>", "2", "Requester").Replace("Pompes", new string('p', EdxlRmReader.MaxBytes), StringComparison.Ordinal));

        var refused = Assert.Throws<XmlRefusedException>(() => EdxlRmReader.Parse(huge));

        Assert.Equal(413, refused.Status);
    }

    [Fact]
    public void Malformed_XML_is_refused_with_its_line_and_position()
    {
        var refused = Assert.Throws<XmlRefusedException>(() => EdxlRmReader.Parse("<RequestResource>\n  <MessageID>x</Message>"u8));

        Assert.Equal((400, RefusalCode.MalformedXml), (refused.Status, refused.Refusal.Code));
        Assert.StartsWith("Line 2,", refused.Message, StringComparison.Ordinal);
    }

    // A RequestResource as a partner's system would write it by hand; the Name's content stands in for any text.
    private static string Request(string messageId, string quantity, string role) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <RequestResource xmlns="{Msg}" xmlns:rm="{Rm}">
          {messageId}
          <SentDateTime>2026-12-01T08:00:00Z</SentDateTime>
          <MessageContentType>RequestResource</MessageContentType>
          <OriginatingMessageID>urn:partner:1</OriginatingMessageID>
          <ContactInformation><rm:ContactRole>{role}</rm:ContactRole></ContactInformation>
          <ResourceInformation>
            <ResourceInfoElementID>1</ResourceInfoElementID>
            <Resource><Name>Pompes</Name></Resource>
            <AssignmentInformation><Quantity><rm:MeasuredQuantity><rm:Amount>{quantity}</rm:Amount></rm:MeasuredQuantity></Quantity></AssignmentInformation>
          </ResourceInformation>
        </RequestResource>
        """;
}
