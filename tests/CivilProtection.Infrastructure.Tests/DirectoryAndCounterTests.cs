using CivilProtection.Application.Directory;
using CivilProtection.Domain.Authorities;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

public sealed class DirectoryAndCounterTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    [Fact]
    public async Task Two_allocators_racing_never_hand_out_the_same_reference()
    {
        using var first = new TableReferenceAllocator(fixture.Tables, blockSize: 5);
        using var second = new TableReferenceAllocator(fixture.Tables, blockSize: 5);

        var references = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? first : second).NextAsync(2031, CancellationToken.None)));

        Assert.Equal(60, references.Distinct().Count());
        Assert.All(references, r => Assert.Matches(@"^AR-2031-\d{5}$", r));
    }

    [Fact]
    public async Task One_allocator_alone_numbers_without_gaps_across_the_blocks_it_reserves_ahead()
    {
        using var allocator = new TableReferenceAllocator(fixture.Tables, blockSize: 5);

        var references = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            references.Add(await allocator.NextAsync(2032, CancellationToken.None));
        }

        Assert.Equal(Enumerable.Range(1, 23).Select(n => $"AR-2032-{n:D5}"), references);
    }

    [Fact]
    public async Task An_idempotency_key_keeps_the_first_claim()
    {
        var store = new TableIdempotencyStore(fixture.Tables, TimeProvider.System);

        var first = await store.ClaimAsync("ma-duty", "key-1", "fp-1", "request-a", CancellationToken.None);
        var second = await store.ClaimAsync("ma-duty", "key-1", "fp-2", "request-b", CancellationToken.None);
        var otherUser = await store.ClaimAsync("fr-duty", "key-1", "fp-3", "request-c", CancellationToken.None);

        Assert.True(first.IsNew);
        Assert.Equal(new Application.Requests.IdempotencyClaim("request-a", "fp-1", false), second);
        Assert.True(otherUser.IsNew);
    }

    [Fact]
    public async Task The_directory_stores_authorities_and_people_of_any_country()
    {
        var directory = new TableDirectory(fixture.Tables, TimeProvider.System);
        var tunisia = new Authority("TN-ONPC", "TN", "Office National de la Protection Civile", ["ar", "fr"], "Africa/Tunis");
        await directory.SaveAuthorityAsync(tunisia, CancellationToken.None);
        await directory.SaveUserAsync(new DirectoryUser("tn-duty", "Amine Ben Salah", "TN-ONPC", ["duty-officer"], []), CancellationToken.None);

        Assert.Equal(tunisia.Name, (await directory.FindAuthorityAsync("TN-ONPC", CancellationToken.None))!.Name);
        Assert.Equal(["ar", "fr"], (await directory.FindAuthorityAsync("TN-ONPC", CancellationToken.None))!.Languages);
        Assert.Equal("TN-ONPC", (await directory.FindUserAsync("tn-duty", CancellationToken.None))!.AuthorityId);
        Assert.Null(await directory.FindUserAsync("nobody", CancellationToken.None));
    }
}
