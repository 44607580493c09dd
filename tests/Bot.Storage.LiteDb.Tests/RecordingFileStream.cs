using System.Collections.Concurrent;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>A database file that records, in one shared journal, what is written to it and what is synced to disk.</summary>
public sealed class RecordingFileStream(string path, ConcurrentQueue<string> journal, Func<bool>? failSync = null) : DurableFileStream(path)
{
    private readonly string _name = path.EndsWith("-log.db", StringComparison.Ordinal) ? "log" : "data";

    public override void Write(byte[] buffer, int offset, int count)
    {
        journal.Enqueue($"{_name} write");
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        journal.Enqueue($"{_name} write");
        base.Write(buffer);
    }

    public override void SetLength(long value)
    {
        journal.Enqueue($"{_name} truncate");
        base.SetLength(value);
    }

    public override void Flush(bool flushToDisk)
    {
        if (failSync?.Invoke() == true && _name == "log") throw new IOException("simulated: the disk refused the sync");
        base.Flush(flushToDisk);
        // Recorded after the base call returned; only a flush to disk counts as synced.
        journal.Enqueue(flushToDisk ? $"{_name} synced" : $"{_name} flushed to the OS cache");
    }
}
