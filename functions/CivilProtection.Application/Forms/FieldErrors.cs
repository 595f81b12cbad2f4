namespace CivilProtection.Application.Forms;

/// <summary>Every problem found in a form, by the JSON path of the field (<c>incident.title</c>, <c>capabilities[1].quantity</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public void AddAll(FieldErrors other)
    {
        foreach (var (field, messages) in other._errors)
        {
            messages.ForEach(message => Add(field, message));
        }
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>A form failed validation; nothing was changed.</summary>
public sealed class FormRejectedException : Exception
{
    public FormRejectedException(FieldErrors errors) : base("The form has invalid fields.") => Errors = errors.ToDictionary();

    public FormRejectedException(string field, string message) : this(Single(field, message)) { }

    public IDictionary<string, string[]> Errors { get; }

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }
}
