namespace Bot.Core.Tests;

public sealed class BoundedBodyTests
{
    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var bytes = new byte[40_000];
        Random.Shared.NextBytes(bytes);
        Assert.Equal(bytes, await BoundedBody.ReadAsync(new MemoryStream(bytes), null, 40_000, default));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_without_reading()
    {
        var stream = new MemoryStream(new byte[10]);
        Assert.Null(await BoundedBody.ReadAsync(stream, 1_000_001, 1_000_000, default));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task An_undeclared_body_stops_being_read_once_past_the_limit()
    {
        var stream = new MemoryStream(new byte[100_000]);
        Assert.Null(await BoundedBody.ReadAsync(stream, null, 20_000, default));
        Assert.True(stream.Position < 100_000);
    }

    [Fact]
    public async Task A_declared_body_is_read_whole_and_one_longer_than_declared_is_refused()
    {
        var bytes = new byte[3_000];
        Random.Shared.NextBytes(bytes);
        Assert.Equal(bytes, await BoundedBody.ReadAsync(new MemoryStream(bytes), bytes.Length, 40_000, default));
        Assert.Null(await BoundedBody.ReadAsync(new MemoryStream(bytes), 2_000, 40_000, default));
        Assert.Equal(bytes[..100], await BoundedBody.ReadAsync(new MemoryStream(bytes[..100]), 2_000, 40_000, default));
    }
}
