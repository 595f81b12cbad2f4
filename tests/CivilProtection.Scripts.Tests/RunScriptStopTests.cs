using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using Xunit.Abstractions;

namespace CivilProtection.Scripts.Tests;

/// <summary>
/// However <c>./run.sh</c> ends (SIGTERM, Ctrl-C, its host crashing), requests filed a second before are there when it
/// starts again: it stops Azurite with SIGINT, the one signal Azurite saves on (otherwise every 5 s), and waits for the
/// save. Before it did, SIGTERM ended Azurite at once and 5 of 5 such filings were gone after the restart.
/// </summary>
public sealed class RunScriptStopTests(ITestOutputHelper output) : IDisposable
{
    private const int Filings = 5;

    // SIGTERM and SIGINT end run.sh through its traps (exit 143, 130); a host killed by SIGKILL ends its wait with 137.
    private const int ExitOnTerm = 143;
    private const int ExitOnInterrupt = 130;
    private const int ExitOnHostKilled = 137;

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RoutingPatience = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("cp-run-data-");
    private readonly int _hostPort = Azurite.FreePort();
    private readonly int _azuritePort = Azurite.FreePort();

    [Fact]
    public Task Filings_a_second_before_run_sh_gets_SIGTERM_are_there_after_a_restart() =>
        StopAndRestartAsync(run => run.SignalAsync("TERM"), ExitOnTerm);

    [Fact]
    public Task Filings_a_second_before_a_Ctrl_C_are_there_after_a_restart() =>
        StopAndRestartAsync(run => run.SignalGroupAsync("INT"), ExitOnInterrupt);

    [Fact]
    public Task Filings_a_second_before_the_host_crashes_are_there_after_a_restart() =>
        StopAndRestartAsync(run =>
        {
            using var host = run.Host();
            host.Kill();
            return Task.CompletedTask;
        }, ExitOnHostKilled);

    public void Dispose() => _data.Delete(recursive: true);

    private async Task StopAndRestartAsync(Func<RunScript, Task> stop, int expectedExitCode)
    {
        var log = new StringBuilder();
        try
        {
            List<(string Id, string Reference)> filed;
            await using (var run = await RunScript.StartAsync(_hostPort, _azuritePort, _data.FullName))
            {
                try
                {
                    filed = await FileAsync(run.BaseAddress);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await stop(run);
                    var exitCode = await run.WaitForExitAsync(StopPatience);

                    Assert.Equal(expectedExitCode, exitCode);
                    Assert.False(run.AzuriteListens(), "run.sh ended with its Azurite still running.");
                    // Azurite's own words when it closed on SIGINT, having saved; SIGTERM ends it without a word.
                    Assert.Contains("Azurite Table service successfully closed", run.Output, StringComparison.Ordinal);
                }
                finally
                {
                    log.AppendLine("--- first run ---").Append(run.Output);
                }
            }

            await using var again = await RunScript.StartAsync(_hostPort, _azuritePort, _data.FullName);
            try
            {
                await AssertStillThereAsync(again.BaseAddress, filed);
            }
            finally
            {
                log.AppendLine("--- after the restart ---").Append(again.Output);
            }
        }
        finally
        {
            output.WriteLine(log.ToString());
        }
    }

    private static async Task<List<(string Id, string Reference)>> FileAsync(Uri baseAddress)
    {
        using var duty = Client(baseAddress, "ma-duty");
        var filed = new List<(string, string)>();
        for (var i = 0; i < Filings; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = JsonContent.Create(RequestSamples.Flood()) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await duty.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            filed.Add(((string)view["id"]!, (string)view["reference"]!));
        }
        return filed;
    }

    // Each filing as it was answered, in its authority's list, and routed to the approver's inbox (by the queue's
    // journal, if the message had not been handled before the stop).
    private static async Task AssertStillThereAsync(Uri baseAddress, List<(string Id, string Reference)> filed)
    {
        using var duty = Client(baseAddress, "ma-duty");
        using var approver = Client(baseAddress, "ma-approver");
        foreach (var (id, reference) in filed)
        {
            using var response = await duty.GetAsync($"/api/requests/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{reference} ({id}) is gone after the restart: {response.StatusCode}.");
            Assert.Equal(reference, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!);
        }
        var listed = (await duty.GetFromJsonAsync<JsonArray>("/api/requests?pageSize=100"))!.OfType<JsonObject>().Select(r => (string)r["requestId"]!).ToHashSet();
        Assert.All(filed, f => Assert.Contains(f.Id, listed));

        var missing = filed.Select(f => f.Id).ToHashSet();
        await Eventually.TrueAsync(async () =>
        {
            var inbox = (await approver.GetFromJsonAsync<JsonArray>("/api/approvals?pageSize=100"))!.OfType<JsonObject>().Select(i => (string)i["requestId"]!);
            missing.ExceptWith(inbox);
            return missing.Count == 0;
        }, () => $"{missing.Count} of {Filings} filings not in the approver's inbox", RoutingPatience, TimeSpan.FromMilliseconds(250));
    }

    private static HttpClient Client(Uri baseAddress, string user)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Dev-User", user);
        return client;
    }
}
