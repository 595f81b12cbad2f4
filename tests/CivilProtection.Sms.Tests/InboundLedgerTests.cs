using Azure.Data.Tables;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>
/// The inbound ledger in Table Storage (Azurite): a message is claimed once, a claim left unfinished is taken over by
/// one call only, and a call that lost its claim cannot overwrite what the call holding it records.
/// </summary>
public sealed class InboundLedgerTests : IAsyncLifetime
{
    private const string From = "+33612345678";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly ReplyTarget Offer = new("0197a1b2c3d4e5f60718293a4b5c6d7e", null);
    private static readonly ReplyTarget NewerOffer = new("0197a1b2c3d4e5f60718293a4b5c6d7f", null);

    private StateTables _tables = null!;
    private TableInboundLedger _ledger = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        _tables = new StateTables(new TableServiceClient(azurite.ConnectionString), Azurite.UniquePrefix());
        await _tables.Replies.CreateIfNotExistsAsync();
        _ledger = new TableInboundLedger(_tables);
    }

    public async Task DisposeAsync() => await _tables.Replies.DeleteAsync();

    private static InboundClaim Claim(string sid, ReplyTarget target, DateTimeOffset at) => new(From, sid, [target], at, null);

    [Fact]
    public async Task A_second_claim_of_a_message_gets_the_first_claim_and_its_targets()
    {
        var first = await _ledger.ClaimAsync(Claim("SM01", Offer, Now), CancellationToken.None);

        var second = await _ledger.ClaimAsync(Claim("SM01", NewerOffer, Now.AddMinutes(10)), CancellationToken.None);

        Assert.True(first.Mine);
        Assert.False(second.Mine);
        Assert.Equal([Offer], second.Targets);
        Assert.Equal(Now, second.ClaimedAt);
        Assert.Null(second.Effect);
    }

    [Fact]
    public async Task A_completed_claim_gives_its_effect_to_every_later_claim()
    {
        var first = await _ledger.ClaimAsync(Claim("SM02", Offer, Now), CancellationToken.None);
        var effect = new ReplyEffect(ReplyOutcome.Declined, Offer.RequestId, "AR-2026-00001");
        await _ledger.CompleteAsync(first, effect, CancellationToken.None);

        var repeat = await _ledger.ClaimAsync(Claim("SM02", NewerOffer, Now), CancellationToken.None);

        Assert.False(repeat.Mine);
        Assert.Equal(effect, repeat.Effect);
    }

    [Fact]
    public async Task Of_two_calls_taking_over_an_unfinished_claim_only_one_holds_it()
    {
        await _ledger.ClaimAsync(Claim("SM03", Offer, Now), CancellationToken.None);
        var seenByOne = await _ledger.FindAsync(From, "SM03", CancellationToken.None);
        var seenByOther = await _ledger.FindAsync(From, "SM03", CancellationToken.None);

        var one = await _ledger.TakeOverAsync(seenByOne!, Now.AddMinutes(1), CancellationToken.None);
        var other = await _ledger.TakeOverAsync(seenByOther!, Now.AddMinutes(1), CancellationToken.None);

        Assert.True(one.Mine);
        Assert.False(other.Mine);
        Assert.Equal(Now.AddMinutes(1), other.ClaimedAt);
    }

    [Fact]
    public async Task A_call_whose_claim_was_taken_over_cannot_record_its_effect_over_the_taker()
    {
        var slow = await _ledger.ClaimAsync(Claim("SM04", Offer, Now), CancellationToken.None);
        var taker = await _ledger.TakeOverAsync((await _ledger.FindAsync(From, "SM04", CancellationToken.None))!, Now.AddMinutes(1), CancellationToken.None);
        var taken = new ReplyEffect(ReplyOutcome.Declined, Offer.RequestId, "AR-2026-00001");
        await _ledger.CompleteAsync(taker, taken, CancellationToken.None);

        await _ledger.CompleteAsync(slow, ReplyEffect.NotUnderstood, CancellationToken.None);

        Assert.Equal(taken, (await _ledger.FindAsync(From, "SM04", CancellationToken.None))!.Effect);
    }

    [Fact]
    public async Task A_released_claim_reads_as_unfinished_long_ago_with_its_targets()
    {
        var failed = await _ledger.ClaimAsync(Claim("SM05", Offer, Now), CancellationToken.None);

        await _ledger.ReleaseAsync(failed, CancellationToken.None);

        var released = await _ledger.FindAsync(From, "SM05", CancellationToken.None);
        Assert.Null(released!.Effect);
        Assert.True(Now - released.ClaimedAt > ReplyOnce.UnfinishedAfter);
        Assert.Equal([Offer], released.Targets);
    }
}
