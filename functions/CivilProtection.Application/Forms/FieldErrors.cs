using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Forms;

/// <summary>Every problem found in a form, by the JSON path of the field (<c>incident.title</c>, <c>capabilities[1].quantity</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<FieldError>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>The one error of a form with one bad field.</summary>
    public static FieldErrors Of(string field, FieldError error)
    {
        var errors = new FieldErrors();
        errors.Add(field, error);
        return errors;
    }

    public void Add(string field, FieldError error)
    {
        if (!_errors.TryGetValue(field, out var errors))
        {
            _errors[field] = errors = [];
        }
        errors.Add(error);
    }

    public void AddAll(FieldErrors other)
    {
        foreach (var (field, errors) in other._errors)
        {
            errors.ForEach(error => Add(field, error));
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FieldError>> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<FieldError>)e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>A form failed validation; nothing was changed.</summary>
public sealed class FormRejectedException : Exception
{
    public FormRejectedException(FieldErrors errors) : base("The form has invalid fields.") => Errors = errors.ToDictionary();

    public FormRejectedException(string field, FieldError error) : this(FieldErrors.Of(field, error)) { }

    /// <summary>The errors by field, each a code the client translates and the server words in the caller's language.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FieldError>> Errors { get; }
}
