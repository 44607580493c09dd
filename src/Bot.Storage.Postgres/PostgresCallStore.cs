using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

/// <summary>
/// Calls, their audit lines and callers. A transition locks the call's row (<c>SELECT … FOR UPDATE</c>) for its
/// transaction: of two replicas confirming one call at once, the second reads the state the first committed.
/// </summary>
public sealed class PostgresCallStore(PostgresDatabase db) : ICallStore, ICallerStore
{
    private const string Columns = CallRow.Columns;
    private const string Values = "@Id, @DeviceId, @ChannelKey, @UserPlatform, @UserId, @UserName, @Locale, @State, @CreatedAt, @ExpiresAt, @ConfirmedAt, @FinishedAt, @FailureDetail, @Attempts";
    private const string InsertAudit = "INSERT INTO call_audit (call_id, device_id, channel_key, user_key, user_name, at, event, detail) VALUES (@CallId, @DeviceId, @ChannelKey, @UserKey, @UserName, @At, @Event, @Detail)";

    public Task<CallTransition> TryAddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            // A second insert of the id waits for the first one's transaction, then inserts nothing and reads what it stored.
            var inserted = await ToRow(call).Bind(c.Command($"INSERT INTO calls ({Columns}) VALUES ({Values}) ON CONFLICT (id) DO NOTHING", t)).ExecuteAsync(cancellationToken);
            if (inserted == 0)
            {
                var row = await c.Command($"SELECT {Columns} FROM calls WHERE id = @Id", t).With("Id", call.Id).SingleOrDefaultAsync(CallRow.Read, cancellationToken);
                return new CallTransition(false, row is null ? null : ToCall(row));
            }
            await ToRow(audit).Bind(c.Command(InsertAudit, t)).ExecuteAsync(cancellationToken);
            return new CallTransition(true, call);
        }, cancellationToken);

    public async Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"SELECT {Columns} FROM calls WHERE id = @callId").With("callId", callId).SingleOrDefaultAsync(CallRow.Read, cancellationToken);
        return row is null ? null : ToCall(row);
    }

    public Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
        Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            var row = await c.Command($"SELECT {Columns} FROM calls WHERE id = @callId FOR UPDATE", t).With("callId", callId).SingleOrDefaultAsync(CallRow.Read, cancellationToken);
            if (row is null) return new CallTransition(false, null);
            var current = ToCall(row);
            if (!from.Contains(current.State)) return new CallTransition(false, current);
            var updated = next(current) with { Id = current.Id };
            await ToRow(updated).Bind(c.Command($"UPDATE calls SET ({Columns}) = ({Values}) WHERE id = @Id", t)).ExecuteAsync(cancellationToken);
            if (audit is not null) await ToRow(audit(updated)).Bind(c.Command(InsertAudit, t)).ExecuteAsync(cancellationToken);
            return new CallTransition(true, updated);
        }, cancellationToken);

    public async Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {Columns} FROM calls WHERE state = @state").With("state", state.ToString()).ListAsync(CallRow.Read, cancellationToken))
            .Select(ToCall).ToList();
    }

    public async Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await ToRow(entry).Bind(c.Command(InsertAudit)).ExecuteAsync(cancellationToken);
    }

    /// <summary>One statement for the whole batch (the lines as column arrays), one commit.</summary>
    public async Task AuditManyAsync(IReadOnlyList<CallAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        await using var c = await db.OpenAsync(cancellationToken);
        await c.Command(
                "INSERT INTO call_audit (call_id, device_id, channel_key, user_key, user_name, at, event, detail) " +
                "SELECT * FROM unnest(@CallIds, @DeviceIds, @ChannelKeys, @UserKeys, @UserNames, @Ats, @Events, @Details)")
            .With("CallIds", entries.Select(e => e.CallId).ToArray())
            .With("DeviceIds", entries.Select(e => e.DeviceId).ToArray())
            .With("ChannelKeys", entries.Select(e => e.ChannelKey).ToArray())
            .With("UserKeys", entries.Select(e => e.UserKey).ToArray())
            .With("UserNames", entries.Select(e => e.UserName).ToArray())
            .With("Ats", entries.Select(e => Instants.ToStored(e.At)).ToArray())
            .With("Events", entries.Select(e => e.Event).ToArray())
            .With("Details", entries.Select(e => e.Detail).ToArray())
            .ExecuteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // Newest first; lines of one instant newest-written first, as a log reads.
        var rows = await c.Command($"SELECT {AuditRow.Columns} FROM call_audit ORDER BY at DESC, id DESC LIMIT @max").With("max", max)
            .ListAsync(AuditRow.Read, cancellationToken);
        return rows.Select(a => new CallAuditEntry(a.CallId, a.DeviceId, a.ChannelKey, a.UserKey, a.UserName, Instants.FromStored(a.At), a.Event, a.Detail)).ToList();
    }

    async Task<IsdpCaller?> ICallerStore.FindAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"SELECT {CallerRow.Columns} FROM callers WHERE user_key = @userKey").With("userKey", userKey)
            .SingleOrDefaultAsync(CallerRow.Read, cancellationToken);
        return row is null ? null : new IsdpCaller(row.UserId, row.UserName, row.UserNo, row.TenantId);
    }

    async Task<IReadOnlyDictionary<string, IsdpCaller>> ICallerStore.AllAsync(CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {CallerRow.Columns} FROM callers").ListAsync(CallerRow.Read, cancellationToken))
            .ToDictionary(r => r.UserKey, r => new IsdpCaller(r.UserId, r.UserName, r.UserNo, r.TenantId), StringComparer.Ordinal);
    }

    async Task ICallerStore.SetAsync(string userKey, IsdpCaller caller, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await new CallerRow { UserKey = userKey, UserId = caller.UserId, UserName = caller.UserName, UserNo = caller.UserNo, TenantId = caller.TenantId }.Bind(c.Command("""
            INSERT INTO callers (user_key, user_id, user_name, user_no, tenant_id) VALUES (@UserKey, @UserId, @UserName, @UserNo, @TenantId)
            ON CONFLICT (user_key) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name, user_no = excluded.user_no, tenant_id = excluded.tenant_id
            """)).ExecuteAsync(cancellationToken);
    }

    async Task<bool> ICallerStore.RemoveAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("DELETE FROM callers WHERE user_key = @userKey").With("userKey", userKey).ExecuteAsync(cancellationToken) > 0;
    }

    private static AuditRow ToRow(CallAuditEntry e) => new()
    {
        CallId = e.CallId, DeviceId = e.DeviceId, ChannelKey = e.ChannelKey, UserKey = e.UserKey, UserName = e.UserName,
        At = Instants.ToStored(e.At), Event = e.Event, Detail = e.Detail,
    };

    private static CallRow ToRow(Call c) => new()
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

    private static Call ToCall(CallRow d) => new()
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
