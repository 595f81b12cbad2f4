namespace CivilProtection.Benchmark;

/// <summary>
/// The HTTP hop: <c>GET /api/health</c> on the local host, which touches no storage, from the intake's own clients
/// under the same load. Between the commit and the intake, it tells the hop's share of a filing from the host's work.
/// </summary>
public static class HopBenchmark
{
    /// <param name="perSecond">Calls paced at this rate (see <see cref="Schedule"/>); as fast as answers come back when null.</param>
    public static async Task<PhaseResult> RunAsync(IReadOnlyList<HttpClient> clients, int calls, int warmup, double? perSecond, CancellationToken cancellationToken)
    {
        await TimedPhase.RunAsync(clients.Count, warmup, null, Call, cancellationToken);
        return await TimedPhase.RunAsync(clients.Count, calls, perSecond, Call, cancellationToken);

        async Task Call(int client, int i)
        {
            using var response = await clients[client].GetAsync("/api/health", cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new Azure.RequestFailedException((int)response.StatusCode, $"GET /api/health answered {(int)response.StatusCode}.");
            }
        }
    }
}
