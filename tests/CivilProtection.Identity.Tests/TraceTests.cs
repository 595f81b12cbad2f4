using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Sms;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ServiceBusDoubleBroker = CivilProtection.ServiceBusDouble.ServiceBusDouble;

namespace CivilProtection.Identity.Tests;

/// <summary>One trace follows a request from the form, through the queues, to the work they trigger (and the SMS, when SMS are wired).</summary>
public sealed class TraceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("in-process")]
    [InlineData("service-bus")]
    public async Task The_trace_of_the_filing_post_reaches_the_consumer_of_its_approval_routing_message(string transport)
    {
        var spans = new Collected<Activity>();
        await using var serviceBus = transport == "service-bus" ? ServiceBusDoubleBroker.Start(QueueDescription.Embedded) : null;
        var settings = serviceBus is null ? null : new Dictionary<string, string?> { ["CivilProtection:ServiceBus:ConnectionString"] = serviceBus.ConnectionString };
        await using var host = await TestHost.StartAsync(settings: settings,
            configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        // The caller's own trace context, so this request's spans are told apart from everything else the host does.
        var traceId = ActivityTraceId.CreateRandom();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = JsonContent.Create(RequestSamples.Flood()) };
        post.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var filed = await host.ClientFor("ma-duty").SendAsync(post);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);

        var server = await WaitForSpanAsync(spans, traceId, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/requests", StringComparison.Ordinal));
        var routing = await WaitForSpanAsync(spans, traceId, s => s.Kind == ActivityKind.Consumer && s.DisplayName == $"handle {Queues.ApprovalRouting}");
        Assert.Equal(server.SpanId, routing.ParentSpanId);
        var events = await WaitForSpanAsync(spans, traceId, s => s.Kind == ActivityKind.Consumer && s.DisplayName == $"handle {Queues.RequestEvents}");
        Assert.Equal(server.SpanId, events.ParentSpanId);

        if (host.App.Services.GetService<ISmsGateway>() is not null)
        {
            // With SMS wired, the notice's SMS are written while handling a queue message, so their send is in the same trace.
            var send = await WaitForSpanAsync(spans, traceId, s => s.Kind == ActivityKind.Consumer && s.DisplayName == $"handle {Queues.SmsOutbound}");
            Assert.Contains(spans.Snapshot(), s => s.SpanId == send.ParentSpanId && s.TraceId == traceId);
        }
    }

    [Fact]
    public async Task A_message_without_a_trace_context_starts_its_own_trace()
    {
        var spans = new Collected<Activity>();
        await using var host = await TestHost.StartAsync(configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var transport = host.Service<IMessageTransport>();

        // A message sent by an older version, or by hand, carries no trace context: it is handled all the same.
        await transport.SendAsync(Queues.RequestEvents, new OutgoingMessage($"orphan-{Guid.NewGuid():N}", "request-changed",
            """{"kind":"request-changed","requestId":"00000000000000000000000000000000","version":1}"""), CancellationToken.None);

        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && !spans.Snapshot().Any(s => s.DisplayName == $"handle {Queues.RequestEvents}"))
        {
            await Task.Delay(50);
        }
        var handled = spans.Snapshot().First(s => s.DisplayName == $"handle {Queues.RequestEvents}");
        Assert.Equal(default, handled.ParentSpanId);
    }

    private static async Task<Activity> WaitForSpanAsync(Collected<Activity> spans, ActivityTraceId traceId, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (spans.Snapshot().FirstOrDefault(s => s.TraceId == traceId && match(s)) is { } span)
            {
                return span;
            }
            await Task.Delay(50);
        }
        var seen = string.Join(", ", spans.Snapshot().Where(s => s.TraceId == traceId).Select(s => $"{s.Kind} {s.DisplayName}"));
        throw new TimeoutException($"No matching span in trace {traceId} within {Patience}; the trace holds: {seen}");
    }
}
