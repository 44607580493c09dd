using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

public sealed class LiteDbCallStore(BotDatabase db) : ICallStore, ICallerStore
{
    private readonly LiteDB.ILiteCollection<CallDocument> _calls = db.Collection<CallDocument>(Collections.Calls);
    private readonly LiteDB.ILiteCollection<AuditDocument> _audit = db.Collection<AuditDocument>(Collections.CallAudit);
    // The same collection, written as documents built by hand (AuditBson).
    private readonly LiteDB.ILiteCollection<LiteDB.BsonDocument> _auditLines = db.Database.GetCollection(Collections.CallAudit);
    private readonly LiteDB.ILiteCollection<CallerDocument> _callers = db.Collection<CallerDocument>(Collections.Callers);

    public Task<CallTransition> TryAddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            // On the one writer: the look and the insert are one step, so of two clicks one inserts.
            if (_calls.FindById(call.Id) is { } stored) return new CallTransition(false, ToCall(stored));
            _calls.Insert(ToDocument(call));
            _auditLines.Insert(AuditBson.Document([audit]));
            return new CallTransition(true, call);
        });

    public Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_calls.FindById(callId) is { } d ? ToCall(d) : null);

    public Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
        Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default)
    {
        return db.WriteAsync(() =>
        {
            if (_calls.FindById(callId) is not { } stored) return new CallTransition(false, null);
            var current = ToCall(stored);
            if (!from.Contains(current.State)) return new CallTransition(false, current);
            var updated = next(current) with { Id = current.Id };
            _calls.Update(ToDocument(updated));
            if (audit is not null) _auditLines.Insert(AuditBson.Document([audit(updated)]));
            return new CallTransition(true, updated);
        });
    }

    public Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default)
    {
        var name = state.ToString();
        return Task.FromResult<IReadOnlyList<Call>>(_calls.Find(c => c.State == name).Select(ToCall).ToList());
    }

    public Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() => _auditLines.Insert(AuditBson.Document([entry])));

    /// <summary>At most this many lines share one stored document (about 50 KB).</summary>
    public const int LinesPerDocument = 256;

    /// <remarks>
    /// Lines written together share documents: a stored document costs LiteDB two index entries (its id's and
    /// <c>At</c>'s), whose insertion took a fifth of the bot's CPU and most of what it allocated when every line of a
    /// busy command path was a document of its own.
    /// </remarks>
    public Task AuditManyAsync(IReadOnlyList<CallAuditEntry> entries, CancellationToken cancellationToken = default) =>
        entries.Count == 0 ? Task.CompletedTask : db.WriteAsync(() => _auditLines.Insert(entries.Chunk(LinesPerDocument).Select(AuditBson.Document)));

    /// <summary>The lines a stored document holds, in the order written.</summary>
    internal static IEnumerable<CallAuditEntry> LinesOf(AuditDocument d) =>
        d.Lines is { } lines
            ? lines.Select(l => new CallAuditEntry(l.CallId, l.DeviceId, l.ChannelKey, l.UserKey, l.UserName, Instants.FromStored(l.At), l.Event, l.Detail))
            : [new CallAuditEntry(d.CallId, d.DeviceId, d.ChannelKey, d.UserKey, d.UserName, Instants.FromStored(d.At), d.Event, d.Detail)];

    public Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default)
    {
        // Documents come by their newest line, newest first. Lines written together may interleave in time with the next
        // document's, so documents are read until the next cannot hold a line newer than the max-th found so far.
        var found = new List<(CallAuditEntry Line, long Order)>();
        var order = 0L;
        foreach (var document in _audit.Query().OrderByDescending(a => a.At).ToEnumerable())
        {
            if (max <= 0 || found.Count >= max && document.At < Instants.ToStored(found[max - 1].Line.At)) break;
            foreach (var line in LinesOf(document).Reverse()) found.Add((line, order++));   // the later written first
            found.Sort((a, b) => a.Line.At != b.Line.At ? b.Line.At.CompareTo(a.Line.At) : a.Order.CompareTo(b.Order));
            if (found.Count > max) found.RemoveRange(max, found.Count - max);
        }
        return Task.FromResult<IReadOnlyList<CallAuditEntry>>(found.Select(f => f.Line).ToList());
    }

    Task<IsdpCaller?> ICallerStore.FindAsync(string userKey, CancellationToken cancellationToken) =>
        Task.FromResult(_callers.FindById(userKey) is { } c ? new IsdpCaller(c.UserId, c.UserName, c.UserNo, c.TenantId) : null);

    Task<IReadOnlyDictionary<string, IsdpCaller>> ICallerStore.AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IsdpCaller>>(_callers.FindAll()
            .ToDictionary(c => c.Id, c => new IsdpCaller(c.UserId, c.UserName, c.UserNo, c.TenantId)));

    Task ICallerStore.SetAsync(string userKey, IsdpCaller caller, CancellationToken cancellationToken) =>
        db.WriteAsync(() => _callers.Upsert(new CallerDocument { Id = userKey, UserId = caller.UserId, UserName = caller.UserName, UserNo = caller.UserNo, TenantId = caller.TenantId }));

    Task<bool> ICallerStore.RemoveAsync(string userKey, CancellationToken cancellationToken) =>
        db.WriteAsync(() => _callers.Delete(userKey));

    private static CallDocument ToDocument(Call c) => new()
    {
        Id = c.Id,
        DeviceId = c.DeviceId,
        ChannelKey = c.ChannelKey,
        UserPlatform = c.RequestedBy.Platform,
        UserId = c.RequestedBy.Id,
        UserName = c.RequestedBy.Name,
        Locale = c.Locale,
        State = c.State.ToString(),
        CreatedAt = Instants.ToStored(c.CreatedAt),
        ExpiresAt = Instants.ToStored(c.ExpiresAt),
        ConfirmedAt = Instants.ToStored(c.ConfirmedAt),
        FinishedAt = Instants.ToStored(c.FinishedAt),
        FailureDetail = c.FailureDetail,
        Attempts = c.Attempts,
    };

    private static Call ToCall(CallDocument d) => new()
    {
        Id = d.Id,
        DeviceId = d.DeviceId,
        ChannelKey = d.ChannelKey,
        RequestedBy = new ChatUser(d.UserPlatform, d.UserId, d.UserName),
        Locale = d.Locale,
        State = Enum.Parse<CallState>(d.State),
        CreatedAt = Instants.FromStored(d.CreatedAt),
        ExpiresAt = Instants.FromStored(d.ExpiresAt),
        ConfirmedAt = Instants.FromStored(d.ConfirmedAt),
        FinishedAt = Instants.FromStored(d.FinishedAt),
        FailureDetail = d.FailureDetail,
        Attempts = d.Attempts,
    };
}
