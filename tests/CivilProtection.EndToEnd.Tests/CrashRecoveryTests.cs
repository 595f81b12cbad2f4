using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Azure.Data.Tables;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;
using Xunit.Abstractions;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The local host killed (SIGKILL: nothing flushed, nothing stopped in order) in the middle of a burst of filings and
/// decisions, then started again on the same tables and port: every change answered 2xx reaches the approver's inbox,
/// both authorities' lists and its notice's SMS, once. The host is a process of its own; Azurite and the fake Twilio
/// belong to the test and live through the kill, so they see all the host did before it and after its restart.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FiledBeforeBurst = 20;
    private const int ValidatedBeforeBurst = 5;
    private const int Filers = 10;
    private const int Approvers = 4;

    // The kill comes after this many 2xx answers in the burst, long before the end of its plan.
    private const int KillAfterAnswers = 60;
    private const int PlannedOperations = 400;

    private static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // Who reads each authority's list, and who approves its stage of the seeded MA-DGPC -> FR-DGSCGC route.
    private static readonly Dictionary<string, (string Duty, string Approver)> Sides = new(StringComparer.Ordinal)
    {
        ["MA-DGPC"] = ("ma-duty", "ma-approver"),
        ["FR-DGSCGC"] = ("fr-duty", "fr-approver"),
    };

    private readonly string _prefix = Azurite.UniquePrefix();
    private readonly int _port = Azurite.FreePort();
    private Azurite _azurite = null!;
    private FakeTwilio _twilio = null!;
    private Dictionary<string, string?> _settings = null!;
    private LocalHostProcess? _beforeCrash;
    private LocalHostProcess? _afterCrash;

    // Twilio's status callbacks carry it, so the host after the restart answers on the same port as before.
    private Uri PublicBaseUrl => new($"http://127.0.0.1:{_port}/");

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.SharedAsync();
        _twilio = await FakeTwilio.StartAsync();
        _settings = _twilio.Settings(PublicBaseUrl);
        _beforeCrash = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        if (_afterCrash is not null)
        {
            await _afterCrash.DisposeAsync();
        }
        if (_beforeCrash is not null)
        {
            await _beforeCrash.DisposeAsync();
        }
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task Every_change_answered_before_the_host_is_killed_reaches_inboxes_lists_and_SMS_once_after_a_restart()
    {
        using var burst = new Burst(_beforeCrash!);
        await burst.PrepareAsync();
        // Every request so far paged: the SMS path is warm (its first sends take a second or more), so what the kill
        // interrupts is the burst's work and not the host's start.
        var prepared = burst.Answered.Select(c => c.Reference).ToHashSet(StringComparer.Ordinal);
        await Eventually.TrueAsync(() => prepared.All(r => _twilio.Messages.Any(m => m.Body.Contains(r, StringComparison.Ordinal))),
            "every request filed before the burst paged by SMS");
        await burst.RunAsync();

        Assert.True(burst.KilledAt is not null, $"The burst ended after {burst.Sent} calls without reaching {KillAfterAnswers} answers: the host was never killed.");
        Assert.True(burst.Unanswered > 0, "Nothing was in flight when the host was killed: the kill was not in the middle of the burst.");
        Assert.True(burst.Sent < PlannedOperations, $"All {PlannedOperations} calls of the burst were sent: the kill came at its end.");
        Assert.True(burst.Refused.IsEmpty, $"Answered other than 2xx before the kill: {string.Join(", ", burst.Refused)}.");
        output.WriteLine(
            $"Answered 2xx: {FiledBeforeBurst} filings and {ValidatedBeforeBurst} approvals before the burst, then {burst.Count("filed", inBurst: true)} " +
            $"filings and {burst.Count("approved", inBurst: true)} approvals in the burst before the kill; {burst.Unanswered} calls in flight or refused at the kill " +
            $"({burst.Sent} of {PlannedOperations} planned calls sent).");

        var restart = Stopwatch.StartNew();
        var restartedAt = DateTimeOffset.UtcNow;
        _afterCrash = await StartHostAsync();
        var startedIn = restart.Elapsed;

        using var recovery = new Recovery(_afterCrash, _twilio, PublicBaseUrl,
            new TableRequestStore(new StateTables(new TableServiceClient(_azurite.ConnectionString), _prefix)));
        await recovery.LoadAsync(burst.Answered);
        await Eventually.TrueAsync(recovery.CompleteAsync, recovery.Describe, RecoveryPatience, Poll);
        var recoveredIn = restart.Elapsed;
        var sinceKill = DateTimeOffset.UtcNow - burst.KilledAt!.Value;
        output.WriteLine(
            $"Restarted in {startedIn.TotalSeconds:0.0} s; every change in its inbox, lists and SMS {recoveredIn.TotalSeconds:0.0} s after the restart " +
            $"began, {sinceKill.TotalSeconds:0.0} s after the kill.");

        Assert.Empty(_twilio.Violations);
        // The same page (its text carries the request and the notice's code) twice to one number is a page sent twice,
        // whatever the SMS records say; Duplicates counts one SMS record handed to Twilio twice.
        var twice = _twilio.Messages.GroupBy(m => (m.To, m.Body)).Where(g => g.Count() > 1).Select(g => $"{g.Count()} x to {g.Key.To}: {g.Key.Body}").ToList();
        Assert.True(twice.Count == 0, $"Paged twice with the same SMS:{Environment.NewLine}{string.Join(Environment.NewLine, twice)}");
        Assert.Equal(0, _twilio.Duplicates);
        await recovery.AssertInterruptedSendsAreTheKillsAsync(burst.KilledAt.Value, restartedAt);
        output.WriteLine(recovery.SmsSummary);
    }

    private Task<LocalHostProcess> StartHostAsync() =>
        LocalHostProcess.StartAsync(LocalHostProcess.BuiltDll, _azurite.ConnectionString, _prefix, _settings, _port, CancellationToken.None);

    /// <summary>A change the host answered 2xx: what must survive the kill.</summary>
    private sealed record AnsweredChange(string RequestId, string Reference, int Version, string What, bool InBurst);

    /// <summary>
    /// Duty officers filing and approvers validating what is already filed, all at once, until the host is killed after
    /// <see cref="KillAfterAnswers"/> answers; each client stops at its first call left unanswered.
    /// </summary>
    private sealed class Burst(LocalHostProcess host) : IDisposable
    {
        private readonly CancellationTokenSource _killed = new();
        private readonly Channel<string> _toValidate = Channel.CreateUnbounded<string>();
        private readonly ConcurrentQueue<AnsweredChange> _answered = new();
        private int _sent;
        private int _answers;
        private int _unanswered;
        private volatile bool _dying;
        private bool _inBurst;

        public IReadOnlyCollection<AnsweredChange> Answered => _answered;

        /// <summary>Answers other than 2xx: none is expected before the kill.</summary>
        public ConcurrentQueue<string> Refused { get; } = new();

        public int Sent => Volatile.Read(ref _sent);

        /// <summary>Calls in flight when the host died, or refused by nobody listening.</summary>
        public int Unanswered => Volatile.Read(ref _unanswered);

        public DateTimeOffset? KilledAt { get; private set; }

        public int Count(string what, bool inBurst) => _answered.Count(c => c.What == what && c.InBurst == inBurst);

        public void Dispose() => _killed.Dispose();

        /// <summary>One client of each, one call at a time: requests for the approvers to validate, and a few validations, so neither path is cold when the burst begins.</summary>
        public async Task PrepareAsync()
        {
            using (var duty = host.ClientFor("ma-duty"))
            {
                for (var i = 0; i < FiledBeforeBurst; i++)
                {
                    await FileAsync(duty);
                }
            }
            using (var approver = host.ClientFor("ma-approver"))
            {
                for (var i = 0; i < ValidatedBeforeBurst; i++)
                {
                    await ValidateAsync(approver);
                }
            }
            Assert.True(Refused.IsEmpty, $"Refused before the burst: {string.Join(", ", Refused)}.");
        }

        public async Task RunAsync()
        {
            _inBurst = true;
            var filers = Enumerable.Range(0, Filers).Select(_ => Task.Run(() => ClientAsync("ma-duty", FileAsync)));
            var approvers = Enumerable.Range(0, Approvers).Select(_ => Task.Run(() => ClientAsync("ma-approver", ValidateAsync)));
            await Task.WhenAll(filers.Concat(approvers));
        }

        private async Task ClientAsync(string user, Func<HttpClient, Task<bool>> call)
        {
            using var client = host.ClientFor(user);
            try
            {
                while (!_killed.IsCancellationRequested && await call(client))
                {
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                // The host is gone: this call has no answer, and there is no one left to call.
                Interlocked.Increment(ref _unanswered);
                if (!_dying)
                {
                    Refused.Enqueue($"no answer before the kill: {ex.GetType().Name} {ex.Message}");
                }
            }
        }

        private async Task<bool> FileAsync(HttpClient client)
        {
            if (_inBurst && Interlocked.Increment(ref _sent) > PlannedOperations)
            {
                return false;
            }
            using var response = await client.PostJsonAsync("/api/requests", RequestSamples.Flood());
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Refused.Enqueue($"filing {(int)response.StatusCode}");
                return true;
            }
            var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            _answered.Enqueue(new AnsweredChange(Api.Id(view), (string)view["reference"]!, (int)view["version"]!, "filed", _inBurst));
            _toValidate.Writer.TryWrite(Api.Id(view));
            Answer();
            return true;
        }

        private async Task<bool> ValidateAsync(HttpClient client)
        {
            string id;
            try
            {
                id = await _toValidate.Reader.ReadAsync(_killed.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            if (_inBurst && Interlocked.Increment(ref _sent) > PlannedOperations)
            {
                return false;
            }
            using var response = await client.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Refused.Enqueue($"decision {(int)response.StatusCode}");
                return true;
            }
            var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            _answered.Enqueue(new AnsweredChange(id, (string)view["reference"]!, (int)view["version"]!, "approved", _inBurst));
            Answer();
            return true;
        }

        private void Answer()
        {
            if (_inBurst && Interlocked.Increment(ref _answers) == KillAfterAnswers)
            {
                // Set first: the calls in flight fail while the kill is under way.
                KilledAt = DateTimeOffset.UtcNow;
                _dying = true;
                host.Kill();
                _killed.Cancel();
            }
        }
    }

    /// <summary>
    /// What the restarted host must show for the changes answered before the kill, read over HTTP as people read it,
    /// and what reached the fake Twilio.
    /// </summary>
    private sealed class Recovery(LocalHostProcess host, FakeTwilio twilio, Uri publicBaseUrl, TableRequestStore store) : IDisposable
    {
        private readonly Dictionary<string, JsonObject> _snapshots = new(StringComparer.Ordinal);
        private readonly HashSet<string> _paged = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string What, JsonObject Notice)> _smsOfNotices = new(StringComparer.Ordinal);
        private readonly List<string> _interrupted = [];
        private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AnsweredChange> _latestAnswered = new(StringComparer.Ordinal);
        private Dictionary<string, List<string>> _missing = [];

        public string SmsSummary =>
            $"{twilio.Messages.Count} SMS at the fake Twilio, {_smsOfNotices.Count} of the answered changes' notices; " +
            $"{_interrupted.Count} interrupted by the kill (unknown, not sent again): {(_interrupted.Count == 0 ? "none" : string.Join("; ", _interrupted))}";

        /// <summary>Each request as it is stored: every change answered 2xx must be in it (Azurite was not killed).</summary>
        public async Task LoadAsync(IEnumerable<AnsweredChange> answered)
        {
            foreach (var request in answered.GroupBy(c => c.RequestId))
            {
                var stored = await As("ma-duty").GetRequestAsync(request.Key);
                var latest = request.MaxBy(c => c.Version)!;
                Assert.True((int)stored["version"]! >= latest.Version,
                    $"{latest.Reference} was answered {latest.What} at version {latest.Version}, but is stored at version {stored["version"]}.");
                _snapshots[request.Key] = stored;
                _latestAnswered[request.Key] = latest;
            }
        }

        /// <summary>True once every request is in both lists at its stored version, in the inbox of its pending stage only, and paged.</summary>
        public async Task<bool> CompleteAsync()
        {
            var missing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Add(string id, string what) => (missing.TryGetValue(id, out var all) ? all : missing[id] = []).Add(what);
            var lists = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            var inboxes = new Dictionary<string, ILookup<string, int>>(StringComparer.Ordinal);
            foreach (var (authority, (duty, approver)) in Sides)
            {
                lists[authority] = (await As(duty).GetAllPagesAsync("/api/requests?pageSize=100")).OfType<JsonObject>()
                    .ToDictionary(e => (string)e["requestId"]!, e => (int)e["version"]!, StringComparer.Ordinal);
                inboxes[authority] = (await As(approver).GetAllPagesAsync("/api/approvals?pageSize=100")).OfType<JsonObject>()
                    .ToLookup(e => (string)e["requestId"]!, e => (int)e["stageIndex"]!, StringComparer.Ordinal);
            }
            foreach (var (id, snapshot) in _snapshots)
            {
                var version = (int)snapshot["version"]!;
                int? waitingAt = (string)snapshot["status"]! == "pending-approval" ? (int)snapshot["currentStageIndex"]! : null;
                var waitingFor = waitingAt is { } stage ? (string)snapshot["stages"]![stage]!["authorityId"]! : null;
                foreach (var authority in Sides.Keys)
                {
                    if (!lists[authority].TryGetValue(id, out var listed) || listed != version)
                    {
                        Add(id, $"not in {authority}'s list at v{version} ({(lists[authority].ContainsKey(id) ? $"v{listed}" : "absent")})");
                    }
                    int[] expected = authority == waitingFor ? [waitingAt!.Value] : [];
                    var shown = inboxes[authority][id].Order().ToArray();
                    if (!shown.SequenceEqual(expected))
                    {
                        Add(id, $"in {Sides[authority].Approver}'s inbox at stage(s) [{string.Join(",", shown)}], not [{string.Join(",", expected)}]");
                    }
                }
            }
            var atTwilio = twilio.Messages.Select(m => m.StatusCallback.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
            foreach (var id in _snapshots.Keys.Where(id => !_paged.Contains(id)).ToList())
            {
                var unpaged = await UnpagedAsync(await As("ma-duty").GetRequestAsync(id), atTwilio);
                if (unpaged.Count == 0)
                {
                    _paged.Add(id);
                }
                unpaged.ForEach(what => Add(id, what));
            }
            _missing = missing;
            return missing.Count == 0;
        }

        /// <summary>The requests not yet seen in full, one line each: the change last answered for it, and what does not show it.</summary>
        public string Describe()
        {
            var lost = _missing.Select(m => _latestAnswered[m.Key]).ToList();
            var lines = _missing.Select(m => $"{_latestAnswered[m.Key].Reference} ({_latestAnswered[m.Key].What} v{_latestAnswered[m.Key].Version}): {string.Join("; ", m.Value)}");
            return $"{_missing.Count} of {_snapshots.Count} requests answered 2xx before the kill are not seen in full after the restart " +
                $"(last answered: {lost.Count(c => c.What == "filed")} filed, {lost.Count(c => c.What == "approved")} approved):{Environment.NewLine}" +
                $"{string.Join(Environment.NewLine, lines)}{Environment.NewLine}{SmsSummary}{Environment.NewLine}The host printed last:{Environment.NewLine}{host.RecentOutput}";
        }

        /// <summary>
        /// What "once" means for an SMS whose send the kill interrupted (claimed <c>sending</c>, the provider's answer not
        /// yet recorded): SmsSender marks it <c>unknown</c> when its message comes again and never sends it again, since it
        /// may already be on its way and a page must not reach anyone twice; the notice's escalation, scheduled when it
        /// opened, pages the next tier at its deadline instead (minutes away, beyond this test). Such an SMS is sent at most
        /// once, so it passes only when the kill explains it: its notice opened before the kill, nothing of it reached
        /// Twilio once the host was started again (the killed host's last request may land a few milliseconds after the
        /// kill was ordered: the time is taken before the kill), and its notice is either no longer needed or still has an
        /// escalation to come. Every other SMS of the notices reached Twilio exactly once (by its record, and by its text
        /// to its number).
        /// </summary>
        public async Task AssertInterruptedSendsAreTheKillsAsync(DateTimeOffset killedAt, DateTimeOffset restartedAt)
        {
            var received = twilio.Messages.ToLookup(m => m.StatusCallback.AbsoluteUri, StringComparer.Ordinal);
            foreach (var (smsId, (what, notice)) in _smsOfNotices)
            {
                if ((await store.FindSmsAsync(smsId, CancellationToken.None))?.Value.Status != SmsStatus.Unknown)
                {
                    continue;
                }
                var sent = received[Callback(smsId)].ToList();
                _interrupted.Add($"{what} ({(sent.Count == 0 ? "never reached Twilio" : "reached Twilio from the killed host")}; notice {notice["status"]})");
                Assert.True(DateTimeOffset.Parse((string)notice["openedAt"]!, CultureInfo.InvariantCulture) < killedAt,
                    $"{what} is unknown, but its notice opened after the kill: the kill cannot have interrupted its send.");
                Assert.True(sent.All(m => m.ReceivedAt < restartedAt), $"{what} is unknown, but reached Twilio from the restarted host.");
                Assert.True((string)notice["status"]! != "open" || notice["escalatesAt"] is not null,
                    $"{what} is unknown and its notice is open with no escalation to page anyone else.");
            }
        }

        public void Dispose()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }
        }

        // The request's pending stage must have a notice, and every SMS of its notices must be at Twilio, or be unknown.
        private async Task<List<string>> UnpagedAsync(JsonObject view, HashSet<string> atTwilio)
        {
            var problems = new List<string>();
            var reference = (string)view["reference"]!;
            var notices = view["notices"]!.AsArray().OfType<JsonObject>().ToList();
            if ((string)view["status"]! == "pending-approval" && notices.All(n => (int?)n["stageIndex"] != (int)view["currentStageIndex"]!))
            {
                problems.Add($"no notice for its pending stage {view["currentStageIndex"]}");
            }
            foreach (var notice in notices)
            {
                foreach (var attempt in notice["attempts"]!.AsArray().OfType<JsonObject>())
                {
                    var smsId = (string)attempt["smsId"]!;
                    var sms = $"SMS {smsId} of notice {notice["noticeId"]} to {attempt["personId"]}";
                    _smsOfNotices[smsId] = ($"{reference}: {sms}", notice);
                    if (atTwilio.Contains(Callback(smsId)))
                    {
                        continue;
                    }
                    var status = (await store.FindSmsAsync(smsId, CancellationToken.None))?.Value.Status;
                    // Withdrawn before it went out is right only for a stage that no longer waits (decided meanwhile).
                    var stageDecided = (string)view["status"]! != "pending-approval" || (int)view["currentStageIndex"]! != (int?)notice["stageIndex"];
                    if (status != SmsStatus.Unknown && !(status == SmsStatus.Withdrawn && stageDecided))
                    {
                        problems.Add($"{sms} not at Twilio ({status?.ToString() ?? "no SMS record"})");
                    }
                }
            }
            return problems;
        }

        private string Callback(string smsId) => SmsCallbacks.StatusCallbackFor(publicBaseUrl, smsId).AbsoluteUri;

        private HttpClient As(string user) =>
            _clients.TryGetValue(user, out var client) ? client : _clients[user] = host.ClientFor(user);
    }
}
