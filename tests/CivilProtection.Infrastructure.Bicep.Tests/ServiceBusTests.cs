using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The Service Bus namespace refuses keys, and its queues are exactly those of queues.json.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class ServiceBusTests(CompiledInfrastructure infra)
{
    // Every setting queues.json gives a queue, by the ARM property it must set.
    private static readonly string[] QueueSettings =
    [
        "lockDuration",
        "maxDeliveryCount",
        "duplicateDetectionHistoryTimeWindow",
        "defaultMessageTimeToLive",
        "deadLetteringOnMessageExpiration",
    ];

    private DeployedResource Namespace => infra.Production.Resource("Microsoft.ServiceBus/namespaces");

    private List<DeployedResource> Queues => infra.Production.OfType("Microsoft.ServiceBus/namespaces/queues").ToList();

    [Fact]
    public void Service_Bus_refuses_local_authentication()
    {
        Assert.True(Namespace.Property("disableLocalAuth")!.GetValue<bool>());
    }

    [Fact]
    public void Service_Bus_namespace_is_Standard_tier()
    {
        Assert.Equal("Standard", Namespace.Evaluated["sku"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Every_queue_of_queues_json_is_created_and_no_other()
    {
        var expected = infra.QueuesJson.Select(q => $"{Namespace.Name}/{q!["name"]!.GetValue<string>()}").Order(StringComparer.Ordinal);

        Assert.Equal(expected, Queues.Select(q => q.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_queue_has_exactly_the_settings_of_queues_json()
    {
        Assert.NotEmpty(infra.QueuesJson);
        foreach (var description in infra.QueuesJson)
        {
            var name = description!["name"]!.GetValue<string>();
            var queue = Queues.Single(q => q.Name == $"{Namespace.Name}/{name}");
            foreach (var setting in QueueSettings)
            {
                Assert.True(
                    JsonNode.DeepEquals(description[setting], queue.Property(setting)),
                    $"Queue {name}: {setting} is {queue.Property(setting)?.ToJsonString()} in the template but {description[setting]?.ToJsonString()} in queues.json.");
            }
        }
    }

    [Fact]
    public void Every_queue_drops_messages_whose_MessageId_it_has_seen()
    {
        Assert.NotEmpty(Queues);
        Assert.All(Queues, q => Assert.True(q.Property("requiresDuplicateDetection")!.GetValue<bool>(), q.Name));
    }

    [Fact]
    public void Queues_are_read_from_queues_json_by_loadJsonContent()
    {
        var main = File.ReadAllText(Path.Combine(infra.InfraDirectory, "main.bicep"));
        Assert.Contains("loadJsonContent('queues.json')", main, StringComparison.Ordinal);

        // What main.bicep hands the Service Bus module is queues.json as it stands.
        var given = infra.Production.Module("servicebus").Scope.Parameter("queues");
        Assert.True(JsonNode.DeepEquals(infra.QueuesJson, given), given?.ToJsonString());
    }
}
