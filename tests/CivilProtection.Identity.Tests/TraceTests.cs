using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Messaging;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ServiceBusDoubleBroker = CivilProtection.ServiceBusDouble.ServiceBusDouble;

namespace CivilProtection.Identity.Tests;

/// <summary>One trace follows a request from the form, through the queues, to the work they trigger (and the SMS, when SMS are wired).</summary>
public sealed class TraceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Spans are recorded only when something exports them; these tests attach their own exporter.
    private const string RecordTraces = "CivilProtection:Telemetry:Traces";

    [Theory]
    [InlineData("in-process")]
    [InlineData("service-bus")]
    public async Task The_trace_of_the_filing_post_reaches_its_queue_consumers_and_the_sms_send(string transport)
    {
        var spans = new Collected<Activity>();
        await using var serviceBus = transport == "service-bus" ? ServiceBusDoubleBroker.Start(QueueDescription.Embedded) : null;
        var settings = new Dictionary<string, string?> { [RecordTraces] = "true" };
        if (serviceBus is not null)
        {
            settings["CivilProtection:ServiceBus:ConnectionString"] = serviceBus.ConnectionString;
        }
        await using var host = await TestHost.StartAsync(settings: settings,
            configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        // The caller's own trace (the browser's, in life), so this request's spans are told apart from everything else the host does.
        using var caller = new Activity("file a request") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceId = caller.TraceId;
        using var filed = await host.ClientFor("ma-duty").PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        caller.Stop();
        var requestId = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        // Each consumer span names the request it worked for (the message's correlation id), whatever trace it is in.
        var server = await WaitForSpanAsync(spans, s => s.TraceId == traceId && s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/requests", StringComparison.Ordinal));
        var routing = await WaitForSpanAsync(spans, s => Handles(s, Queues.ApprovalRouting, requestId));
        Assert.Equal((traceId, server.SpanId), (routing.TraceId, routing.ParentSpanId));
        var events = await WaitForSpanAsync(spans, s => Handles(s, Queues.RequestEvents, requestId));
        Assert.Equal((traceId, server.SpanId), (events.TraceId, events.ParentSpanId));

        // The notice's SMS are written while its message is handled (someone is on call in the seeded rosters): their sending stays in the trace.
        var notifications = await WaitForSpanAsync(spans, s => Handles(s, Queues.Notifications, requestId));
        Assert.Equal((traceId, server.SpanId), (notifications.TraceId, notifications.ParentSpanId));
        var send = await WaitForSpanAsync(spans, s => Handles(s, Queues.SmsPaging, requestId));
        Assert.Equal(traceId, send.TraceId);
        Assert.Contains(spans.Snapshot(), s => s.SpanId == send.ParentSpanId && Handles(s, Queues.Notifications, requestId));
    }

    [Fact]
    public async Task A_message_without_a_trace_context_starts_its_own_trace()
    {
        var spans = new Collected<Activity>();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { [RecordTraces] = "true" },
            configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var transport = host.Service<IMessageTransport>();

        // A message sent by an older version, or by hand, carries no trace context: it is handled all the same.
        var messageId = $"orphan-{Guid.NewGuid():N}";
        await transport.SendAsync(Queues.RequestEvents, new OutgoingMessage(messageId, "request-changed",
            """{"kind":"request-changed","requestId":"00000000000000000000000000000000","version":1}"""), CancellationToken.None);

        // Every host in this test process feeds every exporter: find this message's span by its id.
        var handled = await WaitForSpanAsync(spans, s => s.DisplayName == $"handle {Queues.RequestEvents}" && Equals(s.GetTagItem("messaging.message.id"), messageId));
        Assert.False(handled.HasRemoteParent, "A message without a trace context was joined to some other trace.");
    }

    private static bool Handles(Activity span, string queue, string requestId) =>
        span.Kind == ActivityKind.Consumer && span.DisplayName == $"handle {queue}" && Equals(span.GetTagItem("messaging.message.conversation_id"), requestId);

    private static async Task<Activity> WaitForSpanAsync(Collected<Activity> spans, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (spans.Snapshot().FirstOrDefault(match) is { } span)
            {
                return span;
            }
            await Task.Delay(50);
        }
        var seen = string.Join(", ", spans.Snapshot().Where(s => s.Kind is ActivityKind.Server or ActivityKind.Consumer).Select(s => $"{s.Kind} {s.DisplayName} ({s.TraceId})"));
        throw new TimeoutException($"No matching span within {Patience}; server and consumer spans seen: {seen}");
    }
}
