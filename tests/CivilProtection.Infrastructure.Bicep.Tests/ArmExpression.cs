using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>
/// Evaluates the ARM template expressions Bicep emits ("[format('{0}', parameters('x'))]"), as far as
/// they can be known before deployment. What only Azure knows (reference(), uniqueString(), ...) stays
/// as its text wrapped in ${...}, so "https://${reference('site').defaultHostName}" still says where
/// a value comes from.
/// </summary>
public static class ArmExpression
{
    /// <summary>Whether a template string is an expression (and not a literal escaped with "[[").</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>Evaluates every expression in a template value, recursively, in the given scope.</summary>
    public static JsonNode? Evaluate(JsonNode? value, ArmScope scope)
    {
        switch (value)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var evaluatedKey = IsExpression(key) ? AsText(EvaluateExpression(key[1..^1], scope)) : key;
                    result[evaluatedKey] = Evaluate(child, scope);
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(item => Evaluate(item, scope)).ToArray());
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (IsExpression(text))
                {
                    return EvaluateExpression(text[1..^1], scope);
                }

                return JsonValue.Create(text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text);
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>Whether a value is unknown before deployment (an opaque "${...}").</summary>
    public static bool IsOpaque(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && IsOpaqueText(text);

    private static bool IsOpaqueText(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && MatchingBrace(text, 1) == text.Length - 1;

    private static JsonNode? EvaluateExpression(string source, ArmScope scope)
    {
        var parser = new Parser(source);
        var syntax = parser.ParseExpression();
        parser.ExpectEnd();
        return new Evaluator(scope).Evaluate(syntax);
    }

    /// <summary>A value as text: strings as they are, anything else as JSON.</summary>
    public static string AsText(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private abstract record Syntax;

    private sealed record StringLiteral(string Value) : Syntax;

    private sealed record NumberLiteral(long Value) : Syntax;

    private sealed record Call(string Function, IReadOnlyList<Syntax> Arguments) : Syntax;

    private sealed record Member(Syntax Target, string Name) : Syntax;

    private sealed record Index(Syntax Target, Syntax Key) : Syntax;

    private sealed class Parser(string source)
    {
        private int position;

        public Syntax ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (Peek('.'))
                {
                    position++;
                    expression = new Member(expression, ReadIdentifier());
                }
                else if (Peek('['))
                {
                    position++;
                    var key = ParseExpression();
                    Expect(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (position != source.Length)
            {
                throw new FormatException($"Unexpected '{source[position..]}' in expression '{source}'.");
            }
        }

        private Syntax ParsePrimary()
        {
            SkipSpace();
            if (Peek('\''))
            {
                return new StringLiteral(ReadString());
            }

            if (position < source.Length && (char.IsDigit(source[position]) || source[position] == '-'))
            {
                var start = position++;
                while (position < source.Length && char.IsDigit(source[position]))
                {
                    position++;
                }

                return new NumberLiteral(long.Parse(source[start..position], CultureInfo.InvariantCulture));
            }

            var name = ReadIdentifier();
            SkipSpace();
            if (!Peek('('))
            {
                // true, false and null may appear without parentheses.
                return new Call(name, []);
            }

            position++;
            var arguments = new List<Syntax>();
            SkipSpace();
            if (!Peek(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                }
                while (TryConsume(','));
            }

            Expect(')');
            return new Call(name, arguments);
        }

        private string ReadString()
        {
            var text = new StringBuilder();
            position++;
            while (true)
            {
                if (position >= source.Length)
                {
                    throw new FormatException($"Unterminated string in '{source}'.");
                }

                var c = source[position++];
                if (c == '\'')
                {
                    if (Peek('\''))
                    {
                        text.Append('\'');
                        position++;
                        continue;
                    }

                    return text.ToString();
                }

                text.Append(c);
            }
        }

        private string ReadIdentifier()
        {
            SkipSpace();
            var start = position;
            while (position < source.Length && (char.IsLetterOrDigit(source[position]) || source[position] is '_' or '$' or '#'))
            {
                position++;
            }

            if (start == position)
            {
                throw new FormatException($"Expected a name at {position} in '{source}'.");
            }

            return source[start..position];
        }

        private bool TryConsume(char c)
        {
            SkipSpace();
            if (Peek(c))
            {
                position++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (!Peek(c))
            {
                throw new FormatException($"Expected '{c}' at {position} in '{source}'.");
            }

            position++;
        }

        private bool Peek(char c) => position < source.Length && source[position] == c;

        private void SkipSpace()
        {
            while (position < source.Length && char.IsWhiteSpace(source[position]))
            {
                position++;
            }
        }
    }

    private sealed class Evaluator(ArmScope scope)
    {
        public JsonNode? Evaluate(Syntax syntax) => syntax switch
        {
            StringLiteral s => JsonValue.Create(s.Value),
            NumberLiteral n => JsonValue.Create(n.Value),
            Member m => Access(Evaluate(m.Target), m.Name, "." + m.Name),
            Index i => EvaluateIndex(i),
            Call c => EvaluateCall(c),
            _ => throw new NotSupportedException(syntax.GetType().Name),
        };

        private JsonNode? EvaluateIndex(Index index)
        {
            var target = Evaluate(index.Target);
            var key = Evaluate(index.Key);
            if (IsOpaque(key))
            {
                return Opaque(AsOpaqueSource(target) + "[" + Source(key) + "]");
            }

            return key is JsonValue v && v.TryGetValue<long>(out var n)
                ? Access(target, n)
                : Access(target, AsText(key), "[" + Source(key) + "]");
        }

        private static JsonNode? Access(JsonNode? target, string name, string source) => target switch
        {
            JsonObject obj when obj.ContainsKey(name) => obj[name]?.DeepClone(),
            JsonObject => throw new KeyNotFoundException($"No property '{name}' in {target.ToJsonString()}."),
            _ when IsOpaque(target) => Opaque(AsOpaqueSource(target) + source),
            _ => throw new InvalidOperationException($"Cannot read '{name}' of {target?.ToJsonString() ?? "null"}."),
        };

        private static JsonNode? Access(JsonNode? target, long index) => target switch
        {
            JsonArray array => array[(int)index]?.DeepClone(),
            _ when IsOpaque(target) => Opaque(AsOpaqueSource(target) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"),
            _ => throw new InvalidOperationException($"Cannot index {target?.ToJsonString() ?? "null"}."),
        };

        private JsonNode? EvaluateCall(Call call)
        {
            var name = call.Function.ToLowerInvariant();
            switch (name)
            {
                case "true":
                    return JsonValue.Create(true);
                case "false":
                    return JsonValue.Create(false);
                case "null":
                    return null;
                case "parameters":
                    return scope.Parameter(Text(Evaluate(call.Arguments[0])));
                case "variables":
                    return scope.Variable(Text(Evaluate(call.Arguments[0])));
                case "copyindex" when scope.CopyIndex is { } index:
                    return JsonValue.Create((long)index);
            }

            var arguments = call.Arguments.Select(Evaluate).ToList();
            if (name == "if" && !IsOpaque(arguments[0]))
            {
                return arguments[0]!.GetValue<bool>() ? arguments[1] : arguments[2];
            }

            // Anything else (reference, resourceId, uniqueString, environment, ...) is only known to Azure.
            return Known(name, arguments) ?? OpaqueCall(call.Function, arguments);
        }

        // Functions whose result the tests need, computed when their arguments are known enough.
        private static JsonNode? Known(string name, List<JsonNode?> a)
        {
            switch (name)
            {
                case "format":
                    return JsonValue.Create(Format(Text(a[0]), a.Skip(1).ToList()));
                case "concat" when a.All(x => x is JsonArray):
                    return new JsonArray(a.SelectMany(x => x!.AsArray().Select(i => i?.DeepClone())).ToArray());
                case "concat":
                    return JsonValue.Create(string.Concat(a.Select(Source)));
                case "tolower" when !a.Any(IsOpaque):
                    return JsonValue.Create(Text(a[0]).ToLowerInvariant());
                case "createobject":
                    var obj = new JsonObject();
                    for (var i = 0; i + 1 < a.Count; i += 2)
                    {
                        obj[Text(a[i])] = a[i + 1]?.DeepClone();
                    }

                    return obj;
                case "createarray":
                    return new JsonArray(a.Select(x => x?.DeepClone()).ToArray());
                case "union" when a.All(x => x is JsonObject):
                    var merged = new JsonObject();
                    foreach (var part in a)
                    {
                        foreach (var (key, value) in part!.AsObject())
                        {
                            merged[key] = value?.DeepClone();
                        }
                    }

                    return merged;
                case "empty" when !a.Any(IsOpaque):
                    return JsonValue.Create(a[0] switch
                    {
                        null => true,
                        JsonObject o => o.Count == 0,
                        JsonArray arr => arr.Count == 0,
                        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
                        _ => false,
                    });
                case "greater" when a is [JsonValue x, JsonValue y] && x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number:
                    return JsonValue.Create(decimal.Parse(x.ToJsonString(), CultureInfo.InvariantCulture) > decimal.Parse(y.ToJsonString(), CultureInfo.InvariantCulture));
                case "not" when !a.Any(IsOpaque):
                    return JsonValue.Create(!a[0]!.GetValue<bool>());
                case "equals" when !a.Any(IsOpaque):
                    return JsonValue.Create(JsonNode.DeepEquals(a[0], a[1]));
                case "length" when a[0] is JsonArray array:
                    return JsonValue.Create((long)array.Count);
                case "length" when a[0] is JsonValue v && v.TryGetValue<string>(out var text) && !IsOpaqueText(text):
                    return JsonValue.Create((long)text.Length);
                default:
                    return null;
            }
        }

        private static string Format(string format, List<JsonNode?> arguments)
        {
            var text = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] == '{' && i + 1 < format.Length && char.IsDigit(format[i + 1]))
                {
                    var close = format.IndexOf('}', i);
                    var index = int.Parse(format[(i + 1)..close], CultureInfo.InvariantCulture);
                    text.Append(Source(arguments[index]));
                    i = close;
                }
                else
                {
                    text.Append(format[i]);
                }
            }

            return text.ToString();
        }

        private static JsonNode OpaqueCall(string function, List<JsonNode?> arguments) =>
            Opaque(function + "(" + string.Join(", ", arguments.Select(Quoted)) + ")");

        // How a value reads inside an opaque text: strings quoted as ARM writes them, opaque values bare.
        private static string Quoted(JsonNode? value) => value switch
        {
            _ when IsOpaque(value) => AsOpaqueSource(value),
            JsonValue v when v.TryGetValue<string>(out var s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
            _ => value?.ToJsonString() ?? "null",
        };

        // How a value reads inside a formatted string: strings as they are, opaque values as ${...}.
        private static string Source(JsonNode? value) => AsText(value);

        private static string AsOpaqueSource(JsonNode? value) => AsText(value)[2..^1];

        private static JsonNode Opaque(string source) => JsonValue.Create("${" + source + "}");

        private static string Text(JsonNode? value) => AsText(value);
    }
}

/// <summary>What the expressions of one template see: its parameter values, its variables and the copy index.</summary>
public sealed class ArmScope
{
    private readonly Dictionary<string, JsonNode?> parameters;
    private readonly JsonObject variables;
    private readonly Dictionary<string, JsonNode?> evaluatedVariables = new(StringComparer.OrdinalIgnoreCase);

    public ArmScope(Dictionary<string, JsonNode?> parameters, JsonObject variables, int? copyIndex = null)
    {
        this.parameters = new Dictionary<string, JsonNode?>(parameters, StringComparer.OrdinalIgnoreCase);
        this.variables = variables;
        CopyIndex = copyIndex;
    }

    public int? CopyIndex { get; }

    public ArmScope WithCopyIndex(int index) => new(parameters, variables, index);

    public JsonNode? Parameter(string name) =>
        parameters.TryGetValue(name, out var value)
            ? value?.DeepClone()
            : throw new KeyNotFoundException($"The template has no parameter '{name}'.");

    public JsonNode? Variable(string name)
    {
        if (!evaluatedVariables.TryGetValue(name, out var value))
        {
            var declared = variables.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase));
            if (declared.Key is null)
            {
                throw new KeyNotFoundException($"The template has no variable '{name}'.");
            }

            value = ArmExpression.Evaluate(declared.Value, this);
            evaluatedVariables[name] = value;
        }

        return value?.DeepClone();
    }
}
