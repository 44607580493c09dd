using System.Text.Json;

namespace Bot.Slack;

/// <summary>
/// The <c>blocks</c> array of one message as it is written, within Slack's <see cref="BlockKit.MaxBlocks"/>. Whether a
/// message has too many is known only at its end, so the first <c>MaxBlocks - 1</c> blocks go straight out and the
/// ones after are held aside: the last block is kept when it is the <c>MaxBlocks</c>th, else replaced by a note.
/// </summary>
internal sealed class BlockSink : IDisposable
{
    private readonly Utf8JsonWriter _output;
    private PooledJsonBuffer? _heldBuffer;
    private Utf8JsonWriter? _held;

    public BlockSink(Utf8JsonWriter output)
    {
        _output = output;
        output.WriteStartArray();
    }

    /// <summary>Blocks started so far, the held ones included.</summary>
    public int Count { get; private set; }

    /// <summary>The writer the next block (one JSON object) goes to.</summary>
    public Utf8JsonWriter Next()
    {
        if (_held is not null)
        {
            // Only the latest held block can still be shown: the one before it gives way.
            _held.Flush();
            _heldBuffer!.Clear();
            _held.Reset(_heldBuffer);
        }
        Count++;
        if (Count < BlockKit.MaxBlocks) return _output;
        if (_held is null)
        {
            _heldBuffer = new PooledJsonBuffer();
            _held = new Utf8JsonWriter(_heldBuffer, _output.Options);
        }
        return _held;
    }

    /// <summary>
    /// Closes the array: the held block goes out when the message has exactly <see cref="BlockKit.MaxBlocks"/>; with more,
    /// <paramref name="instead"/> writes what stands for the held ones.
    /// </summary>
    public void Finish(Action<Utf8JsonWriter>? instead)
    {
        if (Count == BlockKit.MaxBlocks)
        {
            _held!.Flush();
            _output.WriteRawValue(_heldBuffer!.Written.Span, skipInputValidation: true);
        }
        else if (Count > BlockKit.MaxBlocks) instead?.Invoke(_output);
        _output.WriteEndArray();
    }

    public void Dispose()
    {
        _held?.Dispose();
        _heldBuffer?.Dispose();
    }
}
