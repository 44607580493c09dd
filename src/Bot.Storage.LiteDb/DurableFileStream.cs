namespace Bot.Storage.LiteDb;

/// <summary>
/// A database file whose every flush reaches stable storage (fsync). LiteDB 5 only ever calls
/// <c>Flush()</c> / <c>Flush(false)</c>, which leave the pages in the operating system's cache: a power loss
/// or OS crash could then lose a commit LiteDB reported done, or a checkpoint could truncate the log before
/// the data file holds its pages. Not sealed so that tests can observe the order of writes and flushes.
/// </summary>
public class DurableFileStream : FileStream
{
    private readonly bool _sync;

    public DurableFileStream(string path) : this(path, sync: true) { }

    /// <param name="sync">False only to measure what the syncs cost (the bench): flushes then stop at the OS cache.</param>
    protected DurableFileStream(string path, bool sync)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 8192, FileOptions.RandomAccess) => _sync = sync;

    public override void Flush() => Flush(flushToDisk: true);

    public override void Flush(bool flushToDisk) => base.Flush(flushToDisk: _sync);
}
