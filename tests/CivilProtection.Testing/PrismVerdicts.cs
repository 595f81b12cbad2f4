using System.Collections.Concurrent;
using System.Text.Json;

namespace CivilProtection.Testing;

/// <summary>
/// An HTTP handler on the wire to a <see cref="PrismServer"/> that keeps Prism's verdict on every exchange: the status
/// answered, the violations Prism named in its <c>sl-violations</c> header, and whether the answer is Prism's own error
/// (<c>application/problem+json</c>: a request or an upstream answer it refused) rather than the mock's or upstream's.
/// </summary>
public sealed class PrismVerdicts : DelegatingHandler
{
    private readonly ConcurrentQueue<PrismVerdict> _verdicts = new();

    /// <summary>A handler that sends straight to the network, for an <see cref="HttpClient"/> of its own.</summary>
    public static PrismVerdicts OverSockets() => new() { InnerHandler = new SocketsHttpHandler() };

    public IReadOnlyList<PrismVerdict> All => [.. _verdicts];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        // Buffered, so the caller (the Twilio SDK) still reads the body after us.
        var problem = contentType == "application/problem+json" ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join("", values) : null;
        _verdicts.Enqueue(new PrismVerdict($"{request.Method} {request.RequestUri?.AbsolutePath}", (int)response.StatusCode, PrismViolation.Parse(violations), problem));
        return response;
    }
}

/// <summary>Prism's word on one exchange; <paramref name="PrismError"/> is its problem JSON when it answered in place of the mock or upstream.</summary>
public sealed record PrismVerdict(string Request, int Status, IReadOnlyList<PrismViolation> Violations, string? PrismError)
{
    /// <summary>Neither a violation named nor an error of Prism's own.</summary>
    public bool Conforms => Violations.Count == 0 && PrismError is null;

    public override string ToString() =>
        $"{Request} -> {Status}" + string.Concat(Violations.Select(v => $"{Environment.NewLine}  {v}")) + (PrismError is null ? "" : $"{Environment.NewLine}  Prism: {PrismError}");
}

/// <summary>One entry of Prism's <c>sl-violations</c> header: where (<c>request.body</c>, <c>response.body.status</c>…), how bad, what.</summary>
public sealed record PrismViolation(string Location, string Severity, string Code, string Message)
{
    public static IReadOnlyList<PrismViolation> Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return [];
        }
        // Prism cuts a long list and says so in front of the JSON; keep it whole as one entry then.
        if (!header.StartsWith('['))
        {
            return [new PrismViolation("", "Error", "", header)];
        }
        using var json = JsonDocument.Parse(header);
        return [.. json.RootElement.EnumerateArray().Select(v => new PrismViolation(
            string.Join('.', v.TryGetProperty("location", out var l) ? l.EnumerateArray().Select(p => p.ToString()) : []),
            v.TryGetProperty("severity", out var s) ? s.ToString() : "",
            v.TryGetProperty("code", out var c) ? c.ToString() : "",
            v.TryGetProperty("message", out var m) ? m.ToString() : ""))];
    }

    public override string ToString() => $"{Severity} at {Location}: {Message} ({Code})";
}
