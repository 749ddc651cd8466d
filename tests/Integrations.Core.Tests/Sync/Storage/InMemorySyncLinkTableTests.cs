using Integrations.Internal;

namespace Integrations.Core.Tests.Sync.Storage;

/// <summary>
/// The reference-free link table behind <see cref="InMemorySyncStateStore"/>, against a plain
/// dictionary model: random inserts, replacements (longer and shorter text, null versions, changed
/// local ids), deletions and lookups, with tiny text chunks so compaction, rehashing and slot reuse
/// all happen many times.
/// </summary>
public sealed class InMemorySyncLinkTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_writes_read_back_exactly_as_a_dictionary_holds_them(int seed)
    {
        var random = new Random(seed);
        var table = new InMemorySyncLinkTable(chunkSize: 64);
        Dictionary<string, SyncItemLink> model = new(StringComparer.Ordinal);

        for (var step = 0; step < 20_000; step++)
        {
            var externalId = RandomText(random, "e", 300);
            switch (random.Next(11))
            {
                case 10:
                    // A page looked up, then (as a commit does) some of its links saved in order.
                    var page = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomText(random, "e", 300)).ToArray();
                    var found = table.GetMany(page) ?? [];
                    Assert.Equal(page.Where(model.ContainsKey).Distinct().Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
                    Assert.All(found, f => Assert.Equal(model[f.Key], f.Value));
                    foreach (var id in page.Where(_ => random.Next(3) > 0))
                    {
                        if (random.Next(8) == 0 && model.Count > 0)
                        {
                            // Index entries move between the lookup and the save: what the lookup learned is stale.
                            var removed = model.Keys.ElementAt(random.Next(model.Count));
                            Assert.True(table.Remove(removed));
                            model.Remove(removed);
                        }

                        var saved = new SyncItemLink(id, RandomText(random, "l", 300), RandomVersion(random), null, 1);
                        table.Set(saved);
                        model[id] = saved;
                    }

                    break;
                case < 6:
                    var link = new SyncItemLink(externalId, RandomText(random, "l", 300), RandomVersion(random), RandomVersion(random), random.Next(0, 5));
                    table.Set(link);
                    model[externalId] = link;
                    break;
                case < 8:
                    Assert.Equal(model.Remove(externalId), table.Remove(externalId));
                    break;
                default:
                    Assert.Equal(model.GetValueOrDefault(externalId), table.Get(externalId));
                    break;
            }

            if (step % 997 == 0)
            {
                AssertSame(model, table);
            }
        }

        AssertSame(model, table);
    }

    [Fact]
    public void A_table_spanning_many_index_segments_and_slot_pages_reads_back_exactly()
    {
        // 40,000 links: the index grows to 131,072 entries (16 segments of 8,192) and the slots fill
        // 40 pages, so probes, rehashing and deletions cross segment and page boundaries.
        var random = new Random(7);
        var table = new InMemorySyncLinkTable();
        Dictionary<string, SyncItemLink> model = new(StringComparer.Ordinal);
        for (var i = 0; i < 40_000; i++)
        {
            var link = new SyncItemLink($"ext-{random.Next(60_000)}", $"loc-{i}", $"v{i % 7}", null, 1);
            table.Set(link);
            model[link.ExternalId] = link;
        }

        foreach (var externalId in model.Keys.Where((_, i) => i % 3 == 0).ToList())
        {
            Assert.True(table.Remove(externalId));
            model.Remove(externalId);
        }

        foreach (var externalId in model.Keys.Where((_, i) => i % 5 == 0).ToList())
        {
            var replaced = model[externalId] with { RemoteVersion = "replaced", LastSeenPass = 2 };
            table.Set(replaced);
            model[externalId] = replaced;
        }

        var probes = Enumerable.Range(0, 60_000).Select(i => $"ext-{i}").ToArray();
        var found = table.GetMany(probes) ?? [];
        Assert.Equal(model.Count, found.Count);
        Assert.All(probes, id => Assert.Equal(model.GetValueOrDefault(id), table.Get(id)));
        AssertSame(model, table);
    }

    [Fact]
    public void A_local_id_lookup_follows_replacements_and_deletions_after_the_index_was_built()
    {
        var table = new InMemorySyncLinkTable(chunkSize: 16);
        table.Set(new SyncItemLink("a", "1", "v1", null, 1));
        table.Set(new SyncItemLink("b", "2", "v1", null, 1));
        Assert.Equal("a", table.GetByLocalId("1")?.ExternalId);

        table.Set(new SyncItemLink("a", "9", "v2", null, 2));
        table.Remove("b");
        for (var i = 0; i < 100; i++)
        {
            table.Set(new SyncItemLink($"x{i}", $"local-{i}", null, null, 3));
        }

        Assert.Null(table.GetByLocalId("1"));
        Assert.Null(table.GetByLocalId("2"));
        Assert.Equal(new SyncItemLink("a", "9", "v2", null, 2), table.GetByLocalId("9"));
        Assert.Equal("x42", table.GetByLocalId("local-42")?.ExternalId);
    }

    [Fact]
    public void Text_of_replaced_and_deleted_links_is_reclaimed()
    {
        var table = new InMemorySyncLinkTable(chunkSize: 1024);
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                table.Set(new SyncItemLink($"item-{i}", $"local-{i}-{round}", new string('v', 1 + (round % 7)), null, round));
            }

            for (var i = 0; i < 200; i += 3)
            {
                table.Remove($"item-{i}");
            }
        }

        // 133 live links of at most 30 characters; the 50 rounds wrote about 250,000 characters.
        Assert.Equal(133, table.Count);
        Assert.InRange(table.TextCapacity, 1, 4 * 134 * 30);
        Assert.Equal(new SyncItemLink("item-1", "local-1-49", new string('v', 1), null, 49), table.Get("item-1"));
    }

    [Fact]
    public void Links_not_seen_are_listed_in_ordinal_order_after_a_key()
    {
        var table = new InMemorySyncLinkTable();
        string[] ids = ["b", "a", "B", "ä", "aa", "c", "", "ab"];
        foreach (var id in ids)
        {
            table.Set(new SyncItemLink(id, "l" + id, null, null, id == "c" ? 9 : 1));
        }

        Assert.Equal(["", "B", "a"], table.ListNotSeen(pass: 2, afterExternalId: null, limit: 3).Select(l => l.ExternalId));
        Assert.Equal(["aa", "ab", "b", "ä"], table.ListNotSeen(pass: 2, afterExternalId: "a", limit: 10).Select(l => l.ExternalId));
        Assert.Empty(table.ListNotSeen(pass: 1, afterExternalId: null, limit: 10));
    }

    private static void AssertSame(Dictionary<string, SyncItemLink> model, InMemorySyncLinkTable table)
    {
        Assert.Equal(model.Count, table.Count);
        foreach (var (externalId, link) in model)
        {
            Assert.Equal(link, table.Get(externalId));
        }

        var everything = table.ListNotSeen(pass: long.MaxValue, afterExternalId: null, limit: model.Count + 1);
        Assert.Equal(model.Keys.Order(StringComparer.Ordinal), everything.Select(l => l.ExternalId));

        // The newest link of each local id is the one found by it (two links may share a local id).
        foreach (var group in model.Values.GroupBy(l => l.LocalId).Where(g => g.Count() == 1))
        {
            Assert.Equal(group.Single(), table.GetByLocalId(group.Key));
        }
    }

    private static string RandomText(Random random, string prefix, int spread) =>
        random.Next(20) == 0 ? prefix + new string('x', random.Next(50, 200)) + random.Next(spread) : prefix + random.Next(spread);

    private static string? RandomVersion(Random random) => random.Next(4) switch
    {
        0 => null,
        1 => "",
        2 => "v" + random.Next(1000),
        _ => new string('w', random.Next(1, 120)),
    };
}
