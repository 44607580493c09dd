using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Dapper;

namespace Bot.Storage.Postgres;

/// <summary>
/// Calls, their audit lines and callers. A transition locks the call's row (<c>SELECT … FOR UPDATE</c>) for its
/// transaction: of two replicas confirming one call at once, the second reads the state the first committed.
/// </summary>
public sealed class PostgresCallStore(PostgresDatabase db) : ICallStore, ICallerStore
{
    private const string Columns = "id, device_id, channel_key, user_platform, user_id, user_name, locale, state, created_at, expires_at, confirmed_at, finished_at, failure_detail, attempts";
    private const string Values = "@Id, @DeviceId, @ChannelKey, @UserPlatform, @UserId, @UserName, @Locale, @State, @CreatedAt, @ExpiresAt, @ConfirmedAt, @FinishedAt, @FailureDetail, @Attempts";
    private const string InsertAudit = "INSERT INTO call_audit (call_id, device_id, channel_key, user_key, user_name, at, event, detail) VALUES (@CallId, @DeviceId, @ChannelKey, @UserKey, @UserName, @At, @Event, @Detail)";

    public Task<CallTransition> TryAddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            // A second insert of the id waits for the first one's transaction, then inserts nothing and reads what it stored.
            var inserted = await c.ExecuteAsync(new CommandDefinition($"INSERT INTO calls ({Columns}) VALUES ({Values}) ON CONFLICT (id) DO NOTHING", ToRow(call), t, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                var row = await c.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition($"SELECT {Columns} FROM calls WHERE id = @Id", new { call.Id }, t, cancellationToken: cancellationToken));
                return new CallTransition(false, row is null ? null : ToCall(row));
            }
            await c.ExecuteAsync(new CommandDefinition(InsertAudit, ToRow(audit), t, cancellationToken: cancellationToken));
            return new CallTransition(true, call);
        }, cancellationToken);

    public async Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition($"SELECT {Columns} FROM calls WHERE id = @callId", new { callId }, cancellationToken: cancellationToken));
        return row is null ? null : ToCall(row);
    }

    public Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
        Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition($"SELECT {Columns} FROM calls WHERE id = @callId FOR UPDATE", new { callId }, t, cancellationToken: cancellationToken));
            if (row is null) return new CallTransition(false, null);
            var current = ToCall(row);
            if (!from.Contains(current.State)) return new CallTransition(false, current);
            var updated = next(current) with { Id = current.Id };
            await c.ExecuteAsync(new CommandDefinition($"UPDATE calls SET ({Columns}) = ({Values}) WHERE id = @Id", ToRow(updated), t, cancellationToken: cancellationToken));
            if (audit is not null) await c.ExecuteAsync(new CommandDefinition(InsertAudit, ToRow(audit(updated)), t, cancellationToken: cancellationToken));
            return new CallTransition(true, updated);
        }, cancellationToken);

    public async Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<CallRow>(new CommandDefinition($"SELECT {Columns} FROM calls WHERE state = @state", new { state = state.ToString() }, cancellationToken: cancellationToken)))
            .Select(ToCall).ToList();
    }

    public async Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(InsertAudit, ToRow(entry), cancellationToken: cancellationToken));
    }

    /// <summary>One statement for the whole batch (the lines as column arrays), one commit.</summary>
    public async Task AuditManyAsync(IReadOnlyList<CallAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO call_audit (call_id, device_id, channel_key, user_key, user_name, at, event, detail) " +
            "SELECT * FROM unnest(@CallIds, @DeviceIds, @ChannelKeys, @UserKeys, @UserNames, @Ats, @Events, @Details)",
            new
            {
                CallIds = entries.Select(e => e.CallId).ToArray(),
                DeviceIds = entries.Select(e => e.DeviceId).ToArray(),
                ChannelKeys = entries.Select(e => e.ChannelKey).ToArray(),
                UserKeys = entries.Select(e => e.UserKey).ToArray(),
                UserNames = entries.Select(e => e.UserName).ToArray(),
                Ats = entries.Select(e => Instants.ToStored(e.At)).ToArray(),
                Events = entries.Select(e => e.Event).ToArray(),
                Details = entries.Select(e => e.Detail).ToArray(),
            }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // Newest first; lines of one instant newest-written first, as a log reads.
        var rows = await c.QueryAsync<AuditRow>(new CommandDefinition(
            "SELECT call_id, device_id, channel_key, user_key, user_name, at, event, detail FROM call_audit ORDER BY at DESC, id DESC LIMIT @max", new { max }, cancellationToken: cancellationToken));
        return rows.Select(a => new CallAuditEntry(a.CallId, a.DeviceId, a.ChannelKey, a.UserKey, a.UserName, Instants.FromStored(a.At), a.Event, a.Detail)).ToList();
    }

    async Task<IsdpCaller?> ICallerStore.FindAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<CallerRow>(new CommandDefinition("SELECT * FROM callers WHERE user_key = @userKey", new { userKey }, cancellationToken: cancellationToken));
        return row is null ? null : new IsdpCaller(row.UserId, row.UserName, row.UserNo, row.TenantId);
    }

    async Task<IReadOnlyDictionary<string, IsdpCaller>> ICallerStore.AllAsync(CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<CallerRow>(new CommandDefinition("SELECT * FROM callers", cancellationToken: cancellationToken)))
            .ToDictionary(r => r.UserKey, r => new IsdpCaller(r.UserId, r.UserName, r.UserNo, r.TenantId), StringComparer.Ordinal);
    }

    async Task ICallerStore.SetAsync(string userKey, IsdpCaller caller, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO callers (user_key, user_id, user_name, user_no, tenant_id) VALUES (@UserKey, @UserId, @UserName, @UserNo, @TenantId)
            ON CONFLICT (user_key) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name, user_no = excluded.user_no, tenant_id = excluded.tenant_id
            """, new CallerRow { UserKey = userKey, UserId = caller.UserId, UserName = caller.UserName, UserNo = caller.UserNo, TenantId = caller.TenantId }, cancellationToken: cancellationToken));
    }

    async Task<bool> ICallerStore.RemoveAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM callers WHERE user_key = @userKey", new { userKey }, cancellationToken: cancellationToken)) > 0;
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
