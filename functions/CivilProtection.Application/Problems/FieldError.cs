using System.Globalization;

namespace CivilProtection.Application.Problems;

/// <summary>One thing wrong with one field: its code and the values its wording needs (<c>max</c> for <see cref="FieldErrorCode.TooLong"/>).</summary>
public sealed record FieldError(FieldErrorCode Code, IReadOnlyDictionary<string, string> Arguments)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public string WireCode => ProblemCodes.Wire(Code);

    public static FieldError Required { get; } = Of(FieldErrorCode.Required);
    public static FieldError EmptyEntry { get; } = Of(FieldErrorCode.EmptyEntry);
    public static FieldError WrongType { get; } = Of(FieldErrorCode.WrongType);
    public static FieldError ControlCharacter { get; } = Of(FieldErrorCode.ControlCharacter);
    public static FieldError InThePast { get; } = Of(FieldErrorCode.InThePast);
    public static FieldError NotAPhone { get; } = Of(FieldErrorCode.NotAPhone);
    public static FieldError NotAnEmail { get; } = Of(FieldErrorCode.NotAnEmail);
    public static FieldError NotACurrency { get; } = Of(FieldErrorCode.NotACurrency);
    public static FieldError NotAnAmount { get; } = Of(FieldErrorCode.NotAnAmount);
    public static FieldError Duplicate { get; } = Of(FieldErrorCode.Duplicate);
    public static FieldError OwnAuthority { get; } = Of(FieldErrorCode.OwnAuthority);
    public static FieldError OtherAuthority { get; } = Of(FieldErrorCode.OtherAuthority);
    public static FieldError NumberTaken { get; } = Of(FieldErrorCode.NumberTaken);
    public static FieldError ReasonRequired { get; } = Of(FieldErrorCode.ReasonRequired);
    public static FieldError NotAllowedHere { get; } = Of(FieldErrorCode.NotAllowedHere);
    public static FieldError NotInRequest { get; } = Of(FieldErrorCode.NotInRequest);
    public static FieldError NoLines { get; } = Of(FieldErrorCode.NoLines);
    public static FieldError StaleContinuation { get; } = Of(FieldErrorCode.StaleContinuation);
    public static FieldError NothingWaiting { get; } = Of(FieldErrorCode.NothingWaiting);

    public static FieldError TooLong(int max) => Of(FieldErrorCode.TooLong, ("max", Number(max)));
    public static FieldError TooFew(int min) => Of(FieldErrorCode.TooFew, ("min", Number(min)));
    public static FieldError TooMany(int max) => Of(FieldErrorCode.TooMany, ("max", Number(max)));
    public static FieldError CountOutOfRange(int min, int max) => Of(FieldErrorCode.CountOutOfRange, ("min", Number(min)), ("max", Number(max)));
    public static FieldError OutOfRange(decimal min, decimal max) => Of(FieldErrorCode.OutOfRange, ("min", Number(min)), ("max", Number(max)));
    public static FieldError NotOneOf(IEnumerable<string> choices) => Of(FieldErrorCode.NotOneOf, ("choices", string.Join(", ", choices)));
    public static FieldError NotAnInstant(string example) => Of(FieldErrorCode.NotAnInstant, ("example", example));
    public static FieldError NotALocalTime(string example) => Of(FieldErrorCode.NotALocalTime, ("example", example));
    public static FieldError NotADuration(string example) => Of(FieldErrorCode.NotADuration, ("example", example));
    public static FieldError TooFarAhead(int days) => Of(FieldErrorCode.TooFarAhead, ("days", Number(days)));
    public static FieldError MustFollow(string other) => Of(FieldErrorCode.MustFollow, ("other", other));
    public static FieldError TooPrecise(int decimals) => Of(FieldErrorCode.TooPrecise, ("decimals", Number(decimals)));
    public static FieldError BadFormat(string example) => Of(FieldErrorCode.BadFormat, ("example", example));
    public static FieldError DuplicateOfLine(int line) => Of(FieldErrorCode.DuplicateOfLine, ("line", Number(line)));
    public static FieldError Unknown(string value) => Of(FieldErrorCode.Unknown, ("value", value));
    public static FieldError AmbiguousCode(string code, IEnumerable<string> choices) => Of(FieldErrorCode.AmbiguousCode, ("code", code), ("choices", string.Join(", ", choices)));
    public static FieldError NotInCatalogue(string version) => Of(FieldErrorCode.NotInCatalogue, ("version", version));
    public static FieldError NotAPartner(string authority) => Of(FieldErrorCode.NotAPartner, ("authority", authority));
    public static FieldError NoRoute(string authority) => Of(FieldErrorCode.NoRoute, ("authority", authority));
    public static FieldError Exclusive(string other) => Of(FieldErrorCode.Exclusive, ("other", other));
    public static FieldError OptedOut(string name) => Of(FieldErrorCode.OptedOut, ("name", name));
    public static FieldError Unavailable(string name) => Of(FieldErrorCode.Unavailable, ("name", name));
    public static FieldError NotQualified(string name) => Of(FieldErrorCode.NotQualified, ("name", name));
    public static FieldError NumberTakenBy(string name, string personId) => Of(FieldErrorCode.NumberTakenBy, ("name", name), ("personId", personId));
    public static FieldError MissingColumn(string column) => Of(FieldErrorCode.MissingColumn, ("column", column));
    public static FieldError UnknownColumn(string column, IEnumerable<string> columns) => Of(FieldErrorCode.UnknownColumn, ("column", column), ("columns", string.Join(",", columns)));
    public static FieldError RepeatedColumn(string column) => Of(FieldErrorCode.RepeatedColumn, ("column", column));
    public static FieldError EmptyFile(IEnumerable<string> columns) => Of(FieldErrorCode.EmptyFile, ("columns", string.Join(",", columns)));
    public static FieldError InvalidXml(int line, int position, string reason) => Of(FieldErrorCode.InvalidXml, ("line", Number(line)), ("position", Number(position)), ("reason", reason));
    public static FieldError UnknownTimeZone(string version) => Of(FieldErrorCode.UnknownTimeZone, ("version", version));
    public static FieldError CountryMismatch(string country) => Of(FieldErrorCode.CountryMismatch, ("country", country));

    private static FieldError Of(FieldErrorCode code, params (string Name, string Value)[] arguments) =>
        new(code, arguments.Length == 0 ? None : arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
