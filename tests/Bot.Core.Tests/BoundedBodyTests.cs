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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_096)]
    [InlineData(40_000)]
    public async Task A_pooled_body_within_the_limit_is_read_whole_declared_or_not(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        foreach (long? declared in new long?[] { null, length })
        {
            using var body = await BoundedBody.ReadPooledAsync(new TrickleStream(bytes), declared, 40_000, default);
            Assert.NotNull(body);
            Assert.Equal(bytes, body.Span.ToArray());
        }
    }

    [Fact]
    public async Task A_pooled_body_over_the_limit_is_refused_declared_or_not()
    {
        var stream = new MemoryStream(new byte[10]);
        Assert.Null(await BoundedBody.ReadPooledAsync(stream, 40_001, 40_000, default));
        Assert.Equal(0, stream.Position);
        Assert.Null(await BoundedBody.ReadPooledAsync(new TrickleStream(new byte[40_001]), null, 40_000, default));
        var huge = new MemoryStream(new byte[1_000_000]);
        Assert.Null(await BoundedBody.ReadPooledAsync(huge, null, 40_000, default));
        Assert.True(huge.Position < 100_000);
    }

    [Fact]
    public async Task A_pooled_body_longer_than_declared_is_refused_and_a_shorter_one_is_what_came()
    {
        var bytes = new byte[3_000];
        Random.Shared.NextBytes(bytes);
        Assert.Null(await BoundedBody.ReadPooledAsync(new MemoryStream(bytes), 2_000, 40_000, default));
        using var shorter = await BoundedBody.ReadPooledAsync(new MemoryStream(bytes[..100]), 2_000, 40_000, default);
        Assert.Equal(bytes[..100], shorter!.Span.ToArray());
    }

    [Fact]
    public async Task A_disposed_pooled_body_can_no_longer_be_read()
    {
        var body = await BoundedBody.ReadPooledAsync(new MemoryStream(new byte[10]), 10, 100, default);
        body!.Dispose();
        body.Dispose();
        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }

    /// <summary>Hands out a few bytes per read, as a network body does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
