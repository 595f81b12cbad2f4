using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>
/// A compiled template read as a deployment would read it: every module's template with the
/// parameter values main.bicep gives it, every resource (copy loops expanded) with its expressions
/// evaluated as far as they can be before Azure answers.
/// </summary>
public sealed class ArmDeployment
{
    private ArmDeployment(string path, JsonObject template, ArmScope scope, IReadOnlyList<DeployedResource> resources, IReadOnlyList<ArmDeployment> modules)
    {
        Path = path;
        Template = template;
        Scope = scope;
        Resources = resources;
        Modules = modules;
    }

    /// <summary>"main", or "main/storage" for the module deployed as 'storage'.</summary>
    public string Path { get; }

    public JsonObject Template { get; }

    public ArmScope Scope { get; }

    /// <summary>Resources this template declares (not those of its modules), existing ones included.</summary>
    public IReadOnlyList<DeployedResource> Resources { get; }

    public IReadOnlyList<ArmDeployment> Modules { get; }

    /// <summary>This deployment and every module under it.</summary>
    public IEnumerable<ArmDeployment> AllDeployments => Modules.SelectMany(m => m.AllDeployments).Prepend(this);

    /// <summary>Every resource created (not merely referenced as existing) anywhere in the deployment.</summary>
    public IEnumerable<DeployedResource> CreatedResources =>
        AllDeployments.SelectMany(d => d.Resources).Where(r => !r.Existing && r.Type != "Microsoft.Resources/deployments");

    public IEnumerable<DeployedResource> OfType(string type) =>
        CreatedResources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public DeployedResource Resource(string type)
    {
        var found = OfType(type).ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"Expected one {type}, found {found.Count}: {string.Join(", ", found.Select(f => f.Name))}.");
    }

    public ArmDeployment Module(string deploymentName) =>
        AllDeployments.SingleOrDefault(d => d.Path.EndsWith("/" + deploymentName, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No module deployed as '{deploymentName}'.");

    /// <summary>The template's outputs, evaluated.</summary>
    public JsonObject Outputs =>
        Template["outputs"] is JsonObject outputs
            ? new JsonObject(outputs.Select(o => KeyValuePair.Create(o.Key, ArmExpression.Evaluate(o.Value!["value"], Scope))))
            : [];

    public static ArmDeployment Read(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameterValues) =>
        Read("main", template, parameterValues);

    private static ArmDeployment Read(string path, JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameterValues)
    {
        var scope = CreateScope(template, parameterValues);
        var resources = new List<DeployedResource>();
        var modules = new List<ArmDeployment>();

        foreach (var (symbol, declaration) in Declarations(template))
        {
            // A module's template is read in its own scope below, never in this one.
            var evaluable = declaration.DeepClone().AsObject();
            if (evaluable["properties"] is JsonObject moduleProperties)
            {
                moduleProperties.Remove("template");
            }

            foreach (var (resourceScope, copyIndex) in Instances(declaration, scope))
            {
                var resource = new DeployedResource(
                    path,
                    symbol,
                    copyIndex,
                    declaration["type"]!.GetValue<string>(),
                    ArmExpression.AsText(ArmExpression.Evaluate(evaluable["name"], resourceScope)),
                    evaluable["scope"] is { } s ? ArmExpression.AsText(ArmExpression.Evaluate(s, resourceScope)) : null,
                    evaluable["condition"] is { } c ? ArmExpression.Evaluate(c, resourceScope) : JsonValue.Create(true),
                    declaration["existing"]?.GetValue<bool>() ?? false,
                    ArmExpression.Evaluate(evaluable["properties"], resourceScope),
                    ArmExpression.Evaluate(evaluable, resourceScope)!.AsObject(),
                    declaration);
                resources.Add(resource);

                if (resource.Type == "Microsoft.Resources/deployments")
                {
                    var nested = declaration["properties"]!["template"]!.AsObject();
                    var values = new Dictionary<string, JsonNode?>();
                    if (declaration["properties"]!["parameters"] is JsonObject given)
                    {
                        foreach (var (name, parameter) in given)
                        {
                            values[name] = ArmExpression.Evaluate(parameter!["value"], resourceScope);
                        }
                    }

                    modules.Add(Read(path + "/" + resource.Name, nested, values));
                }
            }
        }

        return new ArmDeployment(path, template, scope, resources, modules);
    }

    private static ArmScope CreateScope(JsonObject template, IReadOnlyDictionary<string, JsonNode?> given)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        var variables = template["variables"] as JsonObject ?? [];
        var declared = template["parameters"] as JsonObject ?? [];
        foreach (var (name, _) in declared)
        {
            if (given.TryGetValue(name, out var value))
            {
                values[name] = value?.DeepClone();
            }
        }

        // Defaults may use other parameters, so they are evaluated once the given values are in place.
        foreach (var (name, parameter) in declared)
        {
            if (!values.ContainsKey(name))
            {
                values[name] = parameter!["defaultValue"] is { } defaultValue
                    ? ArmExpression.Evaluate(defaultValue, new ArmScope(values, variables))
                    : throw new InvalidOperationException($"Parameter '{name}' has no value and no default.");
            }
        }

        return new ArmScope(values, variables);
    }

    // languageVersion 2.0 keeps resources in an object keyed by symbolic name; 1.0 in an array.
    private static IEnumerable<(string Symbol, JsonObject Declaration)> Declarations(JsonObject template) =>
        template["resources"] switch
        {
            JsonObject bySymbol => bySymbol.Select(r => (r.Key, r.Value!.AsObject())),
            JsonArray list => list.Select((r, i) => ($"#{i}", r!.AsObject())),
            _ => [],
        };

    private static IEnumerable<(ArmScope Scope, int? CopyIndex)> Instances(JsonObject declaration, ArmScope scope)
    {
        if (declaration["copy"] is not JsonObject copy)
        {
            yield return (scope, null);
            yield break;
        }

        var count = ArmExpression.Evaluate(copy["count"], scope);
        if (ArmExpression.IsOpaque(count))
        {
            throw new InvalidOperationException($"The copy count {count} of {declaration["type"]} is not known before deployment.");
        }

        for (var i = 0; i < count!.GetValue<long>(); i++)
        {
            yield return (scope.WithCopyIndex(i), i);
        }
    }
}

/// <summary>One resource as it would be deployed (one instance of a copy loop).</summary>
/// <param name="DeploymentPath">The template that declares it, e.g. main/rbac.</param>
/// <param name="Symbol">Its symbolic name, or #index in a languageVersion 1.0 template.</param>
/// <param name="CopyIndex">Its index in a copy loop.</param>
/// <param name="Type">Resource type.</param>
/// <param name="Name">Evaluated name.</param>
/// <param name="Scope">Evaluated scope of an extension resource (role assignments), if any.</param>
/// <param name="Condition">Evaluated condition: true, false, or opaque.</param>
/// <param name="Existing">Whether it is only referenced, not deployed.</param>
/// <param name="Properties">Evaluated properties.</param>
/// <param name="Evaluated">The whole declaration, evaluated.</param>
/// <param name="Declaration">The declaration as compiled.</param>
public sealed record DeployedResource(
    string DeploymentPath,
    string Symbol,
    int? CopyIndex,
    string Type,
    string Name,
    string? Scope,
    JsonNode? Condition,
    bool Existing,
    JsonNode? Properties,
    JsonObject Evaluated,
    JsonObject Declaration)
{
    /// <summary>A property by path, e.g. "siteConfig.minTlsVersion".</summary>
    public JsonNode? Property(string path)
    {
        var node = Properties;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child)
                ? child
                : throw new KeyNotFoundException($"{Type} '{Name}' has no property '{path}' (stopped at '{part}').");
        }

        return node;
    }

    public bool IsDeployed => Condition is JsonValue v && v.TryGetValue<bool>(out var deployed) && deployed;

    public override string ToString() => $"{Type} {Name} ({DeploymentPath}/{Symbol})";
}
