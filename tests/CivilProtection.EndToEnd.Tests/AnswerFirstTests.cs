using System.Collections.Concurrent;
using CivilProtection.Application.Messaging;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>A filing's workflow starts once the duty officer has their answer, over real HTTP on the local host.</summary>
public sealed class AnswerFirstTests
{
    [Fact]
    public async Task A_filings_messages_are_sent_only_after_its_answer()
    {
        var answered = new Answered();
        var sends = new ConcurrentQueue<(string? CorrelationId, bool AfterAnswer)>();
        await using var host = await TestHost.StartAsync(configure: builder =>
        {
            // The answer pauses before it starts, so a workflow started at the commit would be seen sending before it.
            builder.Services.AddSingleton<IStartupFilter>(new PausedFilingAnswers(answered));
            var transport = builder.Services.Last(d => d.ServiceType == typeof(IMessageTransport));
            builder.Services.Remove(transport);
            builder.Services.AddSingleton<IMessageTransport>(services => new WatchedTransport(
                (IMessageTransport)transport.ImplementationFactory!(services), message => sends.Enqueue((message.CorrelationId, answered.Yet))));
        });

        var filed = await host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var id = (string)filed["id"]!;
        await host.ClientFor("ma-approver").WaitForInboxItemAsync(id, stageIndex: 0);

        var ofTheFiling = sends.Where(s => s.CorrelationId == id).ToList();
        Assert.NotEmpty(ofTheFiling);
        Assert.All(ofTheFiling, send => Assert.True(send.AfterAnswer, "A message of the filing was sent before its answer."));
    }

    private sealed class Answered
    {
        private volatile bool _yet;

        public bool Yet => _yet;

        public void Now() => _yet = true;
    }

    private sealed class PausedFilingAnswers(Answered answered) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextInPipeline) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/api/requests")
                {
                    context.Response.OnStarting(async () =>
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(300));
                        answered.Now();
                    });
                }
                await nextInPipeline();
            });
            next(app);
        };
    }

    private sealed class WatchedTransport(IMessageTransport inner, Action<OutgoingMessage> sending) : DelegatingTransport(inner)
    {
        public override Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken)
        {
            sending(message);
            return base.SendAsync(queue, message, cancellationToken);
        }
    }
}
