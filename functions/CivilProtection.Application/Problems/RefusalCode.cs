namespace CivilProtection.Application.Problems;

/// <summary>
/// Why a whole call was refused, stable across releases and languages; the problem's <c>code</c>, worded by the
/// catalogues under <c>refusal.</c> and the code in kebab case (<c>.title</c> and <c>.detail</c>).
/// </summary>
public enum RefusalCode
{
    InvalidFields,
    SignInRequired,
    NotAssigned,
    NotAllowed,
    NotFound,
    StaleVersion,
    ChangedMeanwhile,
    NotPossibleNow,
    IdempotencyKeyReused,
    NotJson,
    EmptyBody,
    MalformedJson,
    BodyTooLarge,
    NotXml,
    NotCsv,
    NotUtf8,
    XmlTooLarge,
    DtdRefused,
    MalformedXml,
    NestedTooDeeply,
    EdxlRmUnavailable,
    MessageAlreadyApplied,
    NotSignedByTwilio,
}
