namespace Bot.Testing;

/// <summary>Runs an action on many dedicated threads released at the same instant, so a race really happens.</summary>
public static class Concurrently
{
    public static T[] Run<T>(int threads, Func<T> action)
    {
        var results = new T[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = action();
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return results;
    }
}
