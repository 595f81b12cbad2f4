using Azure.Data.Tables;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>Opt-out keywords as Twilio reads them, and the opt-out record in Table Storage: each change once, never undone by an older one.</summary>
public sealed class OptOutTests : IAsyncLifetime
{
    private const string Mobile = "+33612345678";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private StateTables _tables = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        _tables = new StateTables(new TableServiceClient(azurite.ConnectionString), Azurite.UniquePrefix());
        await _tables.People.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _tables.People.DeleteAsync();

    [Theory]
    [InlineData("STOP", "anything", OptOutKind.Stop)]
    [InlineData("START", "YES", OptOutKind.Start)]
    [InlineData("HELP", "help", OptOutKind.Help)]
    [InlineData(null, " stop ", OptOutKind.Stop)]
    [InlineData(null, "Arrêt", OptOutKind.Stop)]
    [InlineData(null, "ARRET.", OptOutKind.Stop)]
    [InlineData(null, "توقف", OptOutKind.Stop)]
    [InlineData(null, "unstop", OptOutKind.Start)]
    [InlineData(null, "stop the pump", OptOutKind.None)]
    [InlineData(null, "OK 4821", OptOutKind.None)]
    [InlineData(null, "YES", OptOutKind.None)]
    public void The_whole_message_is_the_keyword_and_twilios_mark_wins(string? optOutType, string body, OptOutKind expected) =>
        Assert.Equal(expected, OptOutKeywords.Classify(optOutType, body));

    [Fact]
    public async Task A_change_applies_once_and_an_older_one_never_undoes_a_newer()
    {
        var optOuts = new TableOptOuts(_tables);

        Assert.True(await optOuts.RecordAsync(new OptOutChange(Mobile, true, Now, OptOutSources.StopReply, "SM1"), CancellationToken.None));
        Assert.False(await optOuts.RecordAsync(new OptOutChange(Mobile, true, Now, OptOutSources.StopReply, "SM1"), CancellationToken.None));
        var optedOut = await optOuts.OptedOutAsync([Mobile, "+33699999999"], CancellationToken.None);
        Assert.Equal([Mobile], optedOut.Keys);
        Assert.Equal(Now, optedOut[Mobile]);

        Assert.True(await optOuts.RecordAsync(new OptOutChange(Mobile, false, Now.AddMinutes(5), OptOutSources.StartReply, "SM2"), CancellationToken.None));
        Assert.Empty(await optOuts.OptedOutAsync([Mobile], CancellationToken.None));

        // A refusal reported late, about a send before the START: kept in the history, the number stays opted in.
        Assert.False(await optOuts.RecordAsync(new OptOutChange(Mobile, true, Now.AddMinutes(1), OptOutSources.ProviderRefusal, "sms-1"), CancellationToken.None));
        Assert.Empty(await optOuts.OptedOutAsync([Mobile], CancellationToken.None));

        var history = await optOuts.HistoryAsync(Mobile, CancellationToken.None);
        Assert.Equal(["SM2", "sms-1", "SM1"], history.Select(h => h.Key));
    }

    [Fact]
    public async Task The_same_stop_arriving_twice_at_once_is_recorded_once()
    {
        var optOuts = new TableOptOuts(_tables);
        var change = new OptOutChange(Mobile, true, Now, OptOutSources.StopReply, "SM-twice");

        var applied = await Task.WhenAll(optOuts.RecordAsync(change, CancellationToken.None), optOuts.RecordAsync(change, CancellationToken.None));

        Assert.Single(applied, a => a);
        Assert.Single(await optOuts.HistoryAsync(Mobile, CancellationToken.None));
    }
}
