using Bot.Core.Calls;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>Audit lines written together share stored documents; read back and swept as lines.</summary>
public sealed class AuditDocumentTests : IDisposable
{
    private readonly LiteDbStores _stores = new();

    public void Dispose() => _stores.Dispose();

    private static CallAuditEntry Line(string callId, long at) =>
        new(callId, "aqm0523", "slack:C1", "slack:U1", "张三", DateTimeOffset.FromUnixTimeMilliseconds(at), CallEvents.Requested, null);

    private int Documents => _stores.Fixture.Database.Collection<AuditDocument>(Collections.CallAudit).Count();

    [Fact]
    public void Lines_built_by_hand_read_back_as_the_mapper_would_have_stored_them()
    {
        CallAuditEntry[] lines = [Line("a", 1_000), Line("b", 3_000) with { Detail = "ISDP 超时" }, Line("c", 2_000)];
        var mapper = _stores.Fixture.Database.Database.Mapper;
        var mapped = mapper.ToDocument(new AuditDocument
        {
            At = 3_000,
            Lines = [.. lines.Select(l => new AuditLineDocument
            {
                CallId = l.CallId, DeviceId = l.DeviceId, ChannelKey = l.ChannelKey, UserKey = l.UserKey, UserName = l.UserName,
                At = l.At.ToUnixTimeMilliseconds(), Event = l.Event, Detail = l.Detail,
            })],
        });

        var built = AuditBson.Document(lines);

        Assert.Equal(mapped["Lines"], built["Lines"]);
        Assert.Equal(mapped["At"], built["At"]);
        Assert.Equal(lines, LiteDbCallStore.LinesOf(mapper.ToObject<AuditDocument>(built)));
    }

    [Fact]
    public async Task Lines_written_together_are_stored_in_documents_of_up_to_256_lines()
    {
        await _stores.Calls.AuditManyAsync([.. Enumerable.Range(0, LiteDbCallStore.LinesPerDocument + 1).Select(i => Line($"c{i}", 1_000 + i))]);

        Assert.Equal(2, Documents);
        Assert.Equal(LiteDbCallStore.LinesPerDocument + 1, (await _stores.Calls.AuditLogAsync(1000)).Count);
    }

    [Fact]
    public async Task The_newest_lines_are_found_when_documents_interleave_in_time()
    {
        await _stores.Calls.AuditManyAsync([Line("a", 10), Line("b", 30)]);
        await _stores.Calls.AuditManyAsync([Line("c", 20), Line("d", 25)]);
        await _stores.Calls.AuditAsync(Line("e", 15));

        Assert.Equal(["b", "d"], (await _stores.Calls.AuditLogAsync(2)).Select(l => l.CallId));
        Assert.Equal(["b", "d", "c", "e", "a"], (await _stores.Calls.AuditLogAsync(10)).Select(l => l.CallId));
        Assert.Empty(await _stores.Calls.AuditLogAsync(0));
    }

    [Fact]
    public async Task A_line_stored_alone_before_lines_were_kept_together_is_read_and_swept_as_a_line()
    {
        _stores.Fixture.Database.Collection<AuditDocument>(Collections.CallAudit).Insert(new AuditDocument
        {
            CallId = "old", DeviceId = "aqm0523", ChannelKey = "slack:C1", UserKey = "slack:U1", UserName = "张三", At = 20, Event = CallEvents.Requested,
        });
        await _stores.Calls.AuditManyAsync([Line("a", 10), Line("b", 30)]);

        Assert.Equal(Line("old", 20), (await _stores.Calls.AuditLogAsync(10))[1]);
        Assert.Equal(["b", "old", "a"], (await _stores.Calls.AuditLogAsync(10)).Select(l => l.CallId));
        Assert.Equal(1, (await _stores.Sweep.SweepAsync(DateTimeOffset.FromUnixTimeMilliseconds(25))).AuditLines);
    }

    [Fact]
    public async Task The_sweep_counts_lines_and_removes_lines_written_together_when_the_newest_of_them_is_old()
    {
        await _stores.Calls.AuditManyAsync([Line("a", 10), Line("b", 20), Line("c", 30)]);
        await _stores.Calls.AuditManyAsync([Line("d", 40), Line("e", 60)]);

        var result = await _stores.Sweep.SweepAsync(DateTimeOffset.FromUnixTimeMilliseconds(50));

        Assert.Equal(3, result.AuditLines);
        Assert.Equal(["e", "d"], (await _stores.Calls.AuditLogAsync(10)).Select(l => l.CallId));
    }

    [Fact]
    public async Task The_sweep_goes_on_past_its_first_write_of_documents()
    {
        var documents = 2 * LiteDbStorageSweep.AuditDocumentsPerWrite + 1;
        for (var i = 0; i < documents; i++) await _stores.Calls.AuditManyAsync([Line($"a{i}", 10 + i), Line($"b{i}", 10 + i)]);
        await _stores.Calls.AuditAsync(Line("kept", 1_000));

        var result = await _stores.Sweep.SweepAsync(DateTimeOffset.FromUnixTimeMilliseconds(500));

        Assert.Equal(2 * documents, result.AuditLines);
        Assert.Equal(["kept"], (await _stores.Calls.AuditLogAsync(10)).Select(l => l.CallId));
    }
}
